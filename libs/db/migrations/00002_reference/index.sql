-- Reference data loaded from seeds/, users, and the per-child data keys of DESIGN.md section 6.

-- Both area trees live here: the one before 1 July 2025 (province → district → commune) and the one after
-- (province → commune). `ancestors` holds every area above and the area itself, so that "an area and
-- everything under it" is one indexed test: `$code = any(ancestors)`.
create table areas (
  code        text primary key,
  gso_code    text,
  name        text not null,
  name_ascii  text not null,
  level       text not null check (level in ('province', 'district', 'commune')),
  kind        text not null,
  parent_code text references areas (code),
  tree_id     text not null,
  valid_from  date not null,
  valid_to    date,
  ancestors   text[] not null
);
create index areas_ancestors on areas using gin (ancestors);
create index areas_parent on areas (parent_code);

-- An old commune and the post-2025 commune it became (part of), so that 2021–2025 figures roll up to the
-- areas of today.
create table area_successors (
  from_code text not null references areas (code),
  to_code   text not null references areas (code),
  partial   boolean not null default false,
  primary key (from_code, to_code)
);

create table users (
  user_id       uuid primary key,
  username      text not null unique,
  display_name  text not null,
  password_hash text not null,
  role          text not null check (role in ('social_worker', 'supervisor', 'agency_officer', 'analyst', 'admin')),
  agency        text,
  unit_code     text,
  area_codes    text[] not null default '{}',
  active        boolean not null default true,
  demo          boolean not null default false,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  check (role <> 'agency_officer' or agency is not null)
);

-- One data key per child, wrapped (AES-256-GCM) by PII_MASTER_KEY. Erasure sets wrapped_key to null: the
-- personal data in every event of the child can no longer be read (crypto-shredding).
create table child_keys (
  child_id     uuid primary key,
  wrapped_key  bytea,
  key_version  int not null default 1,
  created_at   timestamptz not null default now(),
  erased_at    timestamptz,
  erase_reason text,
  check ((wrapped_key is null) = (erased_at is not null))
);
