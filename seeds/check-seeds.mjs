#!/usr/bin/env node
// Validates the internal consistency of the seed files in this folder. No dependencies.
// Usage: node seeds/check-seeds.mjs   (exits 1 and lists every problem found)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const problems = [];
const fail = (file, msg) => problems.push(`${file}: ${msg}`);
const load = (name) => {
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8'));
  } catch (e) {
    fail(name, `cannot read/parse: ${e.message}`);
    return null;
  }
};
const fold = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
const isIsoDate = (s) =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const weekday = (s) => new Date(`${s}T00:00:00Z`).getUTCDay();
const yearOf = (s) => Number(s.slice(0, 4));

// ---------------------------------------------------------------- areas.json
const areas = load('areas.json');
const treeOf = new Map(); // code -> tree
const areaOf = new Map(); // code -> area
if (areas) {
  if (!Array.isArray(areas.trees) || areas.trees.length !== 2) fail('areas.json', 'expected exactly 2 trees');
  const LEVELS = {
    province: ['province'],
    district: ['city', 'district', 'town'],
    commune: ['ward', 'commune', 'township'],
  };
  for (const tree of areas.trees ?? []) {
    const t = `tree ${tree.id}`;
    if (!isIsoDate(tree.validFrom)) fail('areas.json', `${t}: bad validFrom`);
    if (tree.validTo !== null && !isIsoDate(tree.validTo)) fail('areas.json', `${t}: bad validTo`);
    if (tree.validTo && tree.validTo < tree.validFrom) fail('areas.json', `${t}: validTo before validFrom`);
    const codes = new Set();
    for (const a of tree.areas ?? []) {
      if (typeof a.code !== 'string' || !a.code) {
        fail('areas.json', `${t}: area without string code: ${JSON.stringify(a)}`);
        continue;
      }
      if (treeOf.has(a.code))
        fail('areas.json', `code ${a.code} is not unique across trees (${treeOf.get(a.code).id} and ${tree.id})`);
      treeOf.set(a.code, tree);
      areaOf.set(a.code, a);
      codes.add(a.code);
      if (!a.name) fail('areas.json', `${a.code}: missing name`);
      if (a.nameAscii !== fold(a.name ?? ''))
        fail('areas.json', `${a.code}: nameAscii "${a.nameAscii}" != folded name "${fold(a.name ?? '')}"`);
      if (/[^\x20-\x7e]/.test(a.nameAscii ?? '')) fail('areas.json', `${a.code}: nameAscii is not ASCII`);
      if (!LEVELS[a.level]) fail('areas.json', `${a.code}: bad level ${a.level}`);
      else if (!LEVELS[a.level].includes(a.kind))
        fail('areas.json', `${a.code}: kind ${a.kind} does not fit level ${a.level}`);
      if (a.codeStatus === 'official' && a.gsoCode !== a.code)
        fail('areas.json', `${a.code}: official code but gsoCode ${a.gsoCode}`);
      if (a.codeStatus === 'official-suffixed' && a.code !== `${a.gsoCode}-2021`)
        fail('areas.json', `${a.code}: suffixed code must be gsoCode + "-2021"`);
      if (a.codeStatus === 'synthetic' && (a.gsoCode !== null || /^\d+$/.test(a.code)))
        fail('areas.json', `${a.code}: synthetic code must not look official`);
      if (!['official', 'official-suffixed', 'synthetic'].includes(a.codeStatus))
        fail('areas.json', `${a.code}: bad codeStatus`);
    }
    const roots = (tree.areas ?? []).filter((a) => a.parentCode === null);
    if (roots.length !== 1 || roots[0].level !== 'province')
      fail('areas.json', `${t}: must have exactly one root, a province`);
    for (const a of tree.areas ?? []) {
      if (a.parentCode === null) continue;
      if (!codes.has(a.parentCode)) {
        fail('areas.json', `${a.code}: parentCode ${a.parentCode} not in the same tree`);
        continue;
      }
      const p = tree.areas.find((x) => x.code === a.parentCode);
      const ok =
        (a.level === 'district' && p.level === 'province') ||
        (a.level === 'commune' && (p.level === 'district' || p.level === 'province'));
      if (!ok) fail('areas.json', `${a.code}: a ${a.level} cannot sit under a ${p.level}`);
    }
  }
  const [oldT, newT] = areas.trees ?? [];
  if (oldT && newT) {
    const oldCommunes = oldT.areas.filter((a) => a.level === 'commune');
    const newCommunes = newT.areas.filter((a) => a.level === 'commune');
    if (oldT.areas.filter((a) => a.level === 'district').length !== 12)
      fail('areas.json', `${oldT.id}: expected 12 district-level units`);
    if (newCommunes.length !== 102)
      fail(
        'areas.json',
        `${newT.id}: expected 102 commune-level units (NQ 1663/NQ-UBTVQH15), found ${newCommunes.length}`,
      );
    if (newT.areas.some((a) => a.level === 'district')) fail('areas.json', `${newT.id}: must have no districts`);
    const seenFrom = new Set();
    const checkLink = (s, list) => {
      if (treeOf.get(s.from) !== oldT || areaOf.get(s.from)?.level !== 'commune')
        fail('areas.json', `${list}: from ${s.from} is not a commune of ${oldT.id}`);
      if (treeOf.get(s.to) !== newT || areaOf.get(s.to)?.level !== 'commune')
        fail('areas.json', `${list}: to ${s.to} is not a commune of ${newT.id}`);
    };
    for (const s of areas.successors ?? []) {
      checkLink(s, 'successors');
      if (seenFrom.has(s.from)) fail('areas.json', `successors: ${s.from} listed twice`);
      seenFrom.add(s.from);
    }
    const partialFrom = new Map();
    for (const s of areas.partialSuccessors ?? []) {
      checkLink(s, 'partialSuccessors');
      if (seenFrom.has(s.from)) fail('areas.json', `partialSuccessors: ${s.from} is also in successors`);
      partialFrom.set(s.from, (partialFrom.get(s.from) ?? 0) + 1);
    }
    for (const [f, n] of partialFrom) if (n < 2) fail('areas.json', `partialSuccessors: ${f} has only ${n} successor`);
    const covered = oldCommunes.filter((a) => seenFrom.has(a.code) || partialFrom.has(a.code)).length;
    console.log(
      `areas: ${oldT.id} ${oldT.areas.length} areas (${oldCommunes.length} communes), ${newT.id} ${newT.areas.length} areas; successor links cover ${covered}/${oldCommunes.length} old communes`,
    );
  }
}

// ---------------------------------------------------------------- population.json
const pop = load('population.json');
if (pop && areas) {
  const val = new Map();
  for (const r of pop.rows ?? []) {
    const k = `${r.areaCode}|${r.year}`;
    if (!areaOf.has(r.areaCode)) {
      fail('population.json', `unknown areaCode ${r.areaCode}`);
      continue;
    }
    if (!Number.isInteger(r.year)) fail('population.json', `${k}: year not an integer`);
    if (!Number.isInteger(r.children) || r.children < 0)
      fail('population.json', `${k}: children must be a non-negative integer`);
    if (val.has(k)) fail('population.json', `${k}: duplicate row`);
    val.set(k, r.children);
    const tree = treeOf.get(r.areaCode);
    const from = yearOf(tree.validFrom),
      to = tree.validTo ? yearOf(tree.validTo) : 2030;
    if (r.year < from || r.year > to) fail('population.json', `${k}: year outside the validity of ${tree.id}`);
  }
  for (const tree of areas.trees ?? []) {
    const from = yearOf(tree.validFrom),
      to = tree.validTo ? yearOf(tree.validTo) : 2030;
    for (let y = Math.max(from, 2021); y <= Math.min(to, 2030); y++) {
      for (const a of tree.areas) {
        if (!val.has(`${a.code}|${y}`)) {
          fail('population.json', `missing row ${a.code} ${y}`);
          continue;
        }
        const kids = tree.areas.filter((c) => c.parentCode === a.code);
        if (!kids.length) continue;
        const sum = kids.reduce((s, c) => s + (val.get(`${c.code}|${y}`) ?? 0), 0);
        if (sum !== val.get(`${a.code}|${y}`))
          fail('population.json', `${a.code} ${y}: ${val.get(`${a.code}|${y}`)} != sum of children ${sum}`);
      }
    }
  }
  console.log(`population: ${pop.rows?.length ?? 0} rows`);
}

// ---------------------------------------------------------------- indicators.json
const ind = load('indicators.json');
if (ind) {
  const list = ind.indicators ?? [];
  const nums = list.map((i) => i.number).sort((a, b) => a - b);
  if (list.length !== 24 || nums.some((n, i) => n !== i + 1))
    fail('indicators.json', `expected indicators numbered 1..24 exactly once, got ${nums.join(',')}`);
  const AGENCIES = ['social_affairs', 'justice', 'police', 'education', 'health', 'culture'];
  const UNITS = ['percent', 'per_1000_live_births', 'per_100000_children', 'percent_reduction_per_year'];
  const DIRS = ['at_most', 'below', 'at_least', 'above', 'reduce_by'];
  const keys = new Set();
  const isTarget = (v) =>
    v === null ||
    (typeof v === 'number' && Number.isFinite(v)) ||
    (v && typeof v === 'object' && typeof v.min === 'number' && typeof v.max === 'number' && v.min <= v.max);
  for (const i of list) {
    const n = `indicator ${i.number}`;
    if (![1, 2, 3, 4].includes(i.goal)) fail('indicators.json', `${n}: goal must be 1..4`);
    if (!i.nameVi || !i.nameEn) fail('indicators.json', `${n}: missing name`);
    if (!AGENCIES.includes(i.leadAgency)) fail('indicators.json', `${n}: bad leadAgency ${i.leadAgency}`);
    if (i.computed !== [9, 12, 13].includes(i.number))
      fail('indicators.json', `${n}: computed must be true exactly for 9, 12, 13`);
    if (!Array.isArray(i.targets) || !i.targets.length) fail('indicators.json', `${n}: no targets`);
    for (const t of i.targets ?? []) {
      if (!t.key || keys.has(t.key)) fail('indicators.json', `${n}: target key "${t.key}" missing or not unique`);
      keys.add(t.key);
      if (!t.labelVi || !t.labelEn) fail('indicators.json', `${n}/${t.key}: missing label`);
      if (!UNITS.includes(t.unit)) fail('indicators.json', `${n}/${t.key}: bad unit ${t.unit}`);
      if (!DIRS.includes(t.direction)) fail('indicators.json', `${n}/${t.key}: bad direction ${t.direction}`);
      for (const d of Object.values(t.directionByYear ?? {}))
        if (!DIRS.includes(d)) fail('indicators.json', `${n}/${t.key}: bad directionByYear ${d}`);
      if (!isTarget(t.target2025) || !isTarget(t.target2030))
        fail('indicators.json', `${n}/${t.key}: targets must be number, null or {min,max}`);
      if (t.target2025 === null && t.target2030 === null)
        fail('indicators.json', `${n}/${t.key}: no target in either year`);
    }
  }
  console.log(`indicators: ${list.length} indicators, ${keys.size} targets`);
}

// ---------------------------------------------------------------- holidays.json
const hol = load('holidays.json');
if (hol) {
  if (hol.timeZone !== 'Asia/Ho_Chi_Minh') fail('holidays.json', 'timeZone must be Asia/Ho_Chi_Minh');
  if (JSON.stringify(hol.weekend) !== JSON.stringify([6, 0])) fail('holidays.json', 'weekend must be [6, 0]');
  const checkList = (list, name, wantWeekend) => {
    let prev = '';
    for (const e of list ?? []) {
      if (!isIsoDate(e.date)) {
        fail('holidays.json', `${name}: invalid date ${e.date}`);
        continue;
      }
      if (e.date <= prev) fail('holidays.json', `${name}: ${e.date} not sorted or duplicated (after ${prev})`);
      prev = e.date;
      const we = [0, 6].includes(weekday(e.date));
      if (we !== wantWeekend) fail('holidays.json', `${name}: ${e.date} is ${we ? 'a weekend day' : 'a weekday'}`);
    }
  };
  checkList(hol.daysOff, 'daysOff', false);
  checkList(hol.workingDays, 'workingDays', true);
  const offDates = new Set((hol.daysOff ?? []).map((d) => d.date));
  const workDates = new Set((hol.workingDays ?? []).map((d) => d.date));
  for (const d of hol.daysOff ?? []) {
    if (!['holiday', 'compensatory', 'bridge'].includes(d.kind)) fail('holidays.json', `${d.date}: bad kind ${d.kind}`);
    if (!['announced', 'computed'].includes(d.source)) fail('holidays.json', `${d.date}: bad source ${d.source}`);
    if (!d.name || !d.nameVi) fail('holidays.json', `${d.date}: missing name`);
    if (d.kind === 'bridge' && !workDates.has(d.makeUpDate))
      fail('holidays.json', `${d.date}: bridge day without its make-up Saturday in workingDays`);
  }
  for (const w of hol.workingDays ?? []) if (!w.reason) fail('holidays.json', `${w.date}: working day without reason`);
  for (let y = 2021; y <= 2030; y++) {
    const n = (hol.daysOff ?? []).filter((d) => yearOf(d.date) === y).length;
    if (n < 11) fail('holidays.json', `${y}: only ${n} weekdays off; Labour Code 2019 art. 112 gives 11 holiday days`);
    const l = hol.lunarDates?.[y];
    if (l)
      for (const [k, name] of [
        ['tetDay1', 'Tết'],
        ['hungKings', 'Giỗ Tổ'],
      ]) {
        const d = l[k];
        if (!isIsoDate(d)) {
          fail('holidays.json', `lunarDates ${y}.${k} invalid`);
          continue;
        }
        if (![0, 6].includes(weekday(d)) && !offDates.has(d))
          fail('holidays.json', `${y}: ${name} (${d}) is a weekday but not a day off`);
      }
  }
  console.log(`holidays: ${hol.daysOff?.length ?? 0} weekdays off, ${hol.workingDays?.length ?? 0} make-up Saturdays`);
}

if (problems.length) {
  console.error(`\ncheck-seeds: ${problems.length} problem(s):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log('check-seeds: all seed files are consistent');
