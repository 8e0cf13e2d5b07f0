// Issue 11, phase 1: the web application in a real browser (Debian's Chromium driven by playwright-core) against a
// real Sen — API, projector and worker in this process with their own database, no mock anywhere. A social worker
// signs in, opens a case through the form 01 page and refers it to the police (meeting a version conflict on the
// way); the police officer acknowledges it in the inbox; the supervisor finds the case in the case list; the admin
// reaches the queues. Then the same flow in English. Every main page passes axe-core (no serious or critical
// violation) and is photographed at desktop and phone width into docs/screenshots/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ConsoleWatch,
  expectAccessible,
  focused,
  launchChromium,
  newPage,
  refreshUntilVisible,
  screenshots,
  visible,
} from './support/browser';
import { type SenServer, startSen } from './support/sen-server';

const CASE_URL = /\/cases\/[0-9a-f-]{36}$/;

describe('The web application', () => {
  let sen: SenServer;
  let browser: Browser;
  const consoleWatch = new ConsoleWatch();
  const childNames: string[] = [];

  beforeAll(async () => {
    sen = await startSen('browser');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await sen?.close();
  });

  async function signIn(page: Page, username: string, labels: { user: string; password: string; submit: string }) {
    await page.goto(`${sen.baseUrl}/sign-in`);
    await page.getByLabel(labels.user).fill(username);
    await page.getByLabel(labels.password).fill('sen-demo-2030');
    await page.getByRole('button', { name: labels.submit, exact: true }).click();
  }

  const VI = { user: 'Tên đăng nhập', password: 'Mật khẩu', submit: 'Đăng nhập' };
  const EN = { user: 'Username', password: 'Password', submit: 'Sign in' };

  describe('in Vietnamese (the default language)', () => {
    let context: BrowserContext;
    let page: Page;
    let caseId: string;
    const child = 'Trần Thị Ngọc Hân';

    beforeAll(async () => {
      ({ context, page } = await newPage(browser, consoleWatch));
      childNames.push(child);
    });
    afterAll(async () => {
      await context.close();
    });

    it('signs a social worker in and shows their cases', async () => {
      await page.goto(sen.baseUrl);
      await page.waitForURL('**/sign-in');
      expect(await page.getAttribute('html', 'lang')).toBe('vi');
      await visible(page.getByRole('heading', { level: 1, name: 'Đăng nhập' }));
      await expectAccessible(page, 'vi sign-in');
      await screenshots(page, 'vi-sign-in');

      // A wrong password is refused with a message, and nobody is signed in.
      await page.getByLabel(VI.user).fill('worker1');
      await page.getByLabel(VI.password).fill('wrong');
      await page.getByRole('button', { name: VI.submit, exact: true }).click();
      await visible(page.getByText('Sai tên đăng nhập hoặc mật khẩu.'));

      // By keyboard alone: the skip link comes first, then the form, sent with Enter.
      await page.goto(`${sen.baseUrl}/sign-in`);
      await visible(page.getByLabel(VI.user));
      await page.keyboard.press('Tab');
      expect(await focused(page)).toContain('skip-link');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toMatch(/^main\|main/);
      await page.getByLabel(VI.user).focus();
      await page.keyboard.type('worker1');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatch(/^input\|password/);
      await page.keyboard.type('sen-demo-2030');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/cases');
      await visible(page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }));
      // The token is kept for this tab only (sessionStorage), never in localStorage.
      expect(await page.evaluate<string | null>("sessionStorage.getItem('sen.session')")).toMatch(/^ey/);
      expect(await page.evaluate<string>('JSON.stringify(Object.keys(localStorage))')).not.toMatch(/session|token/);
    });

    it('opens a case through form 01, with errors by the field and one case for a double click', async () => {
      await page.getByRole('link', { name: 'Tiếp nhận thông tin mới (mẫu 01)' }).click();
      await page.waitForURL('**/cases/new');
      // Focus moves to the new page's title on a route change.
      await visible(page.getByRole('heading', { level: 1, name: 'Tiếp nhận thông tin (mẫu 01)' }));
      await page.waitForFunction("document.activeElement && document.activeElement.id === 'page-title'");

      await page.getByRole('button', { name: 'Tiếp nhận, mở hồ sơ' }).click();
      const summary = await visible(page.getByRole('alert'));
      expect(await summary.textContent()).toContain('Họ và tên trẻ: Thông tin này là bắt buộc.');
      expect(await summary.textContent()).toContain('Loại vụ việc: Vui lòng chọn một mục.');
      expect(await page.locator('[id="child.fullName-error"]').textContent()).toContain('Thông tin này là bắt buộc.');
      expect(await page.getByLabel('Họ và tên trẻ').getAttribute('aria-invalid')).toBe('true');
      expect(await focused(page)).toContain('error-summary');
      await expectAccessible(page, 'vi form 01 with errors');
      await screenshots(page, 'vi-open-case');

      // A 16-year-old is not a child (Law on Children 2016): refused by the field, as the API would.
      await page.getByLabel('Tuổi', { exact: true }).fill('16');
      await page.getByRole('button', { name: 'Tiếp nhận, mở hồ sơ' }).click();
      await visible(page.locator('[id="child.ageYears-error"]').getByText('dưới 16 tuổi'));

      await page.getByLabel('Họ và tên trẻ').fill(child);
      await page.getByLabel('Giới tính').selectOption('female');
      await page.getByLabel('Tuổi', { exact: true }).fill('9');
      await page.getByLabel('Dân tộc').fill('Kinh');
      await page.getByLabel('Loại vụ việc').selectOption('physical_violence');
      await page.getByLabel('Tóm tắt vụ việc').fill('Hàng xóm báo cháu bị đánh nhiều lần, có vết bầm trên tay.');
      // worker1's one commune is chosen for them once the areas arrive.
      await page.waitForFunction("document.getElementById('location.areaCode').value === '29926'");
      await page.getByLabel('Nguồn tin').selectOption('hotline_111');
      await page.getByLabel('Họ và tên người báo tin').fill('Lê Văn Hàng');
      await page.getByLabel('Số điện thoại').fill('0912 345 678');
      await page.getByLabel('Quan hệ với trẻ').fill('Hàng xóm');
      await page.getByRole('button', { name: 'Tiếp nhận, mở hồ sơ' }).dblclick();
      await page.waitForURL(CASE_URL);
      caseId = page.url().split('/').pop()!;
      await visible(page.getByRole('heading', { level: 1, name: `Hồ sơ của ${child}` }));
      await visible(page.getByText('Đã mở hồ sơ.'));
      await visible(page.getByText('Phản hồi đầu tiên (12 giờ)'));
      await visible(page.getByText('Kế hoạch hỗ trợ (5 ngày làm việc)'));

      // The double click opened one case (same Idempotency-Key), as the event store shows.
      const opened = await sen.harness.db.sql<
        { n: number }[]
      >`select count(*)::int as n from events where type = 'CaseOpened'`;
      expect(opened[0]!.n).toBe(1);
    });

    it('refers the case to the police, after a version conflict and a reload', async () => {
      // Another user records consent meanwhile: the page still holds version 1.
      const other = await sen.token('worker1');
      const consent = await fetch(`${sen.baseUrl}/api/v1/cases/${caseId}/consent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${other}`, 'if-match': '"1"' },
        body: JSON.stringify({ givenBy: 'parent', forServices: true, forReferral: true, forReporting: true }),
      });
      expect(consent.status).toBe(200);

      await page.getByRole('button', { name: 'Chuyển gửi đến cơ quan' }).click();
      await page.getByLabel('Chuyển đến').selectOption('police');
      await page.getByLabel('Lý do', { exact: true }).fill('Điều tra hành vi bạo lực, bảo vệ cháu.');
      await page.getByLabel('Mức độ khẩn').selectOption('emergency');
      // Without consent on record (as this page last read the case) an emergency referral must say why.
      await page.getByLabel('Lý do chuyển gửi khi chưa có sự đồng ý').fill('Cháu đang gặp nguy hiểm.');
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      const conflict = await visible(page.getByRole('alert').filter({ hasText: 'vừa được người khác cập nhật' }));
      await conflict.getByRole('button', { name: 'Tải lại hồ sơ' }).click();
      await visible(page.getByText('Phiên bản 2'));
      // Now consent is known: no waiver, and an urgent (non-emergency) referral is allowed.
      expect(await page.getByLabel('Lý do chuyển gửi khi chưa có sự đồng ý').count()).toBe(0);
      await page.getByLabel('Mức độ khẩn').selectOption('urgent');
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await visible(page.getByText('Đã lưu: Chuyển gửi đến cơ quan.'));
      await visible(page.getByText('Phiên bản 3'));
      const referrals = page.locator('section', {
        has: page.getByRole('heading', { name: 'Chuyển gửi', exact: true }),
      });
      await visible(referrals.getByText('Đến: Công an'));
      await visible(referrals.getByText('Đã chuyển, chờ tiếp nhận'));
      await visible(page.getByText('Tiếp nhận chuyển gửi — Công an'));
      const timeline = page.locator('ol.timeline');
      expect(await timeline.locator('li').allTextContents()).toEqual([
        expect.stringContaining('Tiếp nhận thông tin, mở hồ sơ'),
        expect.stringContaining('Ghi nhận sự đồng ý'),
        expect.stringContaining('Chuyển gửi đến cơ quan'),
      ]);
      await expectAccessible(page, 'vi case page');
      await screenshots(page, 'vi-case');

      const events = await sen.harness.db.sql<
        { type: string }[]
      >`select type from events where stream_id = ${`case-${caseId}`} order by stream_revision`;
      expect(events.map((e) => e.type)).toEqual(['CaseOpened', 'ConsentRecorded', 'ReferralIssued']);
    });

    it('prints form 01 from the case', async () => {
      await page.getByRole('link', { name: /Mẫu số 01/ }).click();
      await page.waitForURL(/\/forms\/01$/);
      await visible(page.getByRole('heading', { level: 1, name: /Phiếu ghi nhận thông tin/ }));
      await visible(page.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
      await visible(page.getByRole('cell', { name: child }));
      await visible(page.getByRole('cell', { name: 'Xã Tân Hồng' }));
      // Forms 02 to 05 need data this case does not have yet.
      await page.getByRole('link', { name: 'Mẫu số 04' }).click();
      await visible(page.getByText('Hồ sơ chưa có dữ liệu cho mẫu này.'));
      await page.getByRole('link', { name: 'Mẫu số 01' }).click();
      await visible(page.getByRole('cell', { name: child }));
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.site-header').isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });
      await expectAccessible(page, 'vi form 01 print');
      await screenshots(page, 'vi-form-01');
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL('**/sign-in');
      expect(await page.evaluate<string | null>("sessionStorage.getItem('sen.session')")).toBeNull();
    });

    it('lets the police officer acknowledge the referral in the inbox, seeing only what they need', async () => {
      await signIn(page, 'police', VI);
      await page.waitForURL('**/inbox');
      await visible(page.getByRole('heading', { level: 1, name: 'Hộp thư chuyển gửi' }));
      const card = page.locator('li.inbox-card').filter({ hasText: 'Điều tra hành vi bạo lực' });
      await refreshUntilVisible(card, () => page.getByRole('button', { name: 'Làm mới' }).click());
      await visible(card.getByRole('heading', { name: 'Hân, 9 tuổi, Nữ' }));
      // Need to know: the given name only, never the full name, the reporter or the summary.
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).not.toContain(child);
      expect(text).not.toContain('Lê Văn Hàng');
      expect(text).not.toContain('vết bầm');
      await card.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
      await visible(page.getByText('Đã xác nhận nhận chuyển gửi.'));
      await visible(card.getByText('Đã tiếp nhận'));
      await visible(card.getByRole('button', { name: 'Nhận xử lý' }));
      await expectAccessible(page, 'vi inbox');
      await screenshots(page, 'vi-inbox');
      const events = await sen.harness.db.sql<
        { type: string }[]
      >`select type from events where stream_id = ${`case-${caseId}`} order by stream_revision`;
      expect(events.map((e) => e.type)).toEqual([
        'CaseOpened',
        'ConsentRecorded',
        'ReferralIssued',
        'ReferralAcknowledged',
      ]);
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
    });

    it('shows the supervisor the case in the case list, found without diacritics', async () => {
      await signIn(page, 'supervisor', VI);
      await page.waitForURL('**/cases');
      await visible(page.getByRole('heading', { level: 1, name: 'Hồ sơ' }));
      await page.getByLabel('Tìm theo tên trẻ hoặc nội dung').fill('tran thi ngoc han');
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await page.waitForURL(/q=tran/);
      const link = page.getByRole('link', { name: child });
      await refreshUntilVisible(link, () => page.reload());
      await visible(page.getByText('1 chuyển gửi đang mở'));
      await expectAccessible(page, 'vi case list');
      await screenshots(page, 'vi-cases');
      // The supervisor's case page shows what the police did.
      await link.click();
      await page.waitForURL(CASE_URL);
      await visible(page.locator('ol.timeline').getByText('Cơ quan xác nhận đã nhận chuyển gửi'));
      // …and the supervisor may approve plans, which the social worker may not: none is proposed yet.
      expect(await page.getByRole('button', { name: 'Phê duyệt kế hoạch (mẫu 05)' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
    });

    it('gives the admin the queue dashboard', async () => {
      await signIn(page, 'admin', VI);
      await page.waitForURL('**/administration');
      await visible(page.getByRole('heading', { level: 1, name: 'Quản trị' }));
      await expectAccessible(page, 'vi administration');
      await screenshots(page, 'vi-administration');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/admin/queues') || r.url().endsWith('/admin/queues/')),
        page.getByRole('link', { name: /Hàng đợi công việc/ }).click(),
      ]);
      expect(response.status()).toBe(200);
      await page.goBack();
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
    });

    it('sends a user whose token the API refuses back to sign in, then to where they were', async () => {
      await page.evaluate("sessionStorage.setItem('sen.session', 'not-a-token')");
      await page.goto(`${sen.baseUrl}/cases?status=open`);
      await page.waitForURL(/\/sign-in\?next=%2Fcases%3Fstatus%3Dopen$/);
      await visible(page.getByText('Phiên làm việc đã hết hạn'));
      await page.getByLabel(VI.user).fill('worker2');
      await page.getByLabel(VI.password).fill('sen-demo-2030');
      await page.getByRole('button', { name: VI.submit, exact: true }).click();
      await page.waitForURL(/\/cases\?status=open$/);
      // worker2's commune is another: worker1's case is not in their list.
      await visible(page.getByText('Không có hồ sơ nào khớp bộ lọc.'));
    });
  });

  describe('in English', () => {
    let context: BrowserContext;
    let page: Page;
    const child = 'Lê Văn Phúc';

    beforeAll(async () => {
      ({ context, page } = await newPage(browser, consoleWatch));
      childNames.push(child);
    });
    afterAll(async () => {
      await context.close();
    });

    it('switches to English, and remembers it', async () => {
      await page.goto(`${sen.baseUrl}/sign-in`);
      await page.getByRole('button', { name: 'English' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
      expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
      await page.reload();
      await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await expectAccessible(page, 'en sign-in');
      await screenshots(page, 'en-sign-in');
    });

    it('opens a case with a date of birth and refers it to the police in an emergency', async () => {
      await signIn(page, 'worker1', EN);
      await page.waitForURL('**/cases');
      await visible(page.getByRole('heading', { level: 1, name: 'My cases' }));
      await page.getByRole('link', { name: 'New report (form 01)' }).click();
      await page.waitForURL('**/cases/new');
      await page.getByLabel("Child's full name").fill(child);
      await page.getByLabel('Sex').selectOption('male');
      await page.getByLabel('Date of birth known').check();
      await page.getByLabel('Date of birth', { exact: true }).fill('2016-03-15');
      await page.getByLabel('Category').selectOption('sexual_abuse');
      await page.getByLabel('Summary').fill('A teacher reported signs of abuse.');
      await page.waitForFunction("document.getElementById('location.areaCode').value === '29926'");
      await page.getByLabel('Source').selectOption('school');
      await expectAccessible(page, 'en form 01');
      await screenshots(page, 'en-open-case');
      await page.getByRole('button', { name: 'Record and open the case' }).click();
      await page.waitForURL(CASE_URL);
      await visible(page.getByRole('heading', { level: 1, name: `Case of ${child}` }));
      await visible(page.getByText('The case is open.'));

      await page.getByRole('button', { name: 'Refer to an agency' }).click();
      await page.getByLabel('Refer to', { exact: true }).selectOption('police');
      await page.getByLabel('Reason', { exact: true }).fill('Investigate and protect the child.');
      // No consent recorded: an urgent referral is refused by the field; an emergency one needs the reason.
      await page.getByLabel('Urgency').selectOption('urgent');
      await page.getByLabel('Why the referral goes without consent').fill('The child is in danger tonight.');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await visible(page.getByRole('alert').getByText('Urgency: No consent for referral is recorded'));
      await page.getByLabel('Urgency').selectOption('emergency');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await visible(page.getByText('Saved: Refer to an agency.'));
      await visible(page.getByText('Sent, awaiting acknowledgement'));
      await visible(page.getByText('Referral acknowledgement — Police'));
      await visible(page.getByText(/h left|min left/).first());
      await expectAccessible(page, 'en case page');
      await screenshots(page, 'en-case');
      await page.getByRole('button', { name: 'Sign out' }).click();
    });

    it('lets the police acknowledge it in English', async () => {
      await signIn(page, 'police', EN);
      await page.waitForURL('**/inbox');
      await visible(page.getByRole('heading', { level: 1, name: 'Referral inbox' }));
      const card = page.locator('li.inbox-card').filter({ hasText: 'Investigate and protect the child.' });
      await refreshUntilVisible(card, () => page.getByRole('button', { name: 'Refresh' }).click());
      await visible(card.getByRole('heading', { name: /^Phúc, \d+ years old, Male$/ }));
      await card.getByRole('button', { name: 'Acknowledge' }).click();
      await visible(page.getByText('Referral acknowledged.'));
      await visible(card.getByText('Acknowledged', { exact: true }));
      await expectAccessible(page, 'en inbox');
      await screenshots(page, 'en-inbox');
      await page.getByRole('button', { name: 'Sign out' }).click();
    });

    it('shows the supervisor the case in the case list', async () => {
      await signIn(page, 'supervisor', EN);
      await page.waitForURL('**/cases');
      await page.getByLabel('Category').selectOption('sexual_abuse');
      await page.getByRole('button', { name: 'Filter', exact: true }).click();
      await page.waitForURL(/category=sexual_abuse/);
      await refreshUntilVisible(page.getByRole('link', { name: child }), () => page.reload());
      expect(await page.getByRole('link', { name: 'Trần Thị Ngọc Hân' }).count()).toBe(0);
      await expectAccessible(page, 'en case list');
      await screenshots(page, 'en-cases');
    });
  });

  it('wrote no personal data and no error to the browser console, nor to the server log', () => {
    expect(consoleWatch.errors).toEqual([]);
    for (const name of childNames) {
      expect(consoleWatch.messages.filter((m) => m.includes(name))).toEqual([]);
      expect(sen.harness.logs.text()).not.toContain(name);
    }
    expect(sen.harness.logs.text()).not.toContain('Lê Văn Hàng');
    // The wrong password and the expired token (401) and the version conflict (409) were provoked; nothing else.
    expect(consoleWatch.unexpectedErrors([401, 409])).toEqual([]);
    expect(consoleWatch.messages.filter((m) => /status of 409/.test(m))).toHaveLength(1);
  });
});
