// The pages the accessibility tests visit: every GET route of
// cgi-bin/routes.list with sample URLs, per actor.  A route whose program
// has a GET handler and no entry here fails pagesOf() by name, so a page
// added later is checked as soon as it exists (or the run says what is
// missing).
//
// Entry: location (as written in routes.list) -> list of samples:
//   as      'public' (signed out), 'admin', 'member', 'client'; 'firm' is
//           admin and member
//   url     path and query, {slot} filled from the fixture (a11y-lib.mjs)
//   status  the HTTP status of the page the actor ends on (default 200;
//           a redirect is followed, as the browser does)
//   lands   the path the actor ends on, when a redirect takes it elsewhere
//   note    what the sample shows, for the report
import fs from 'node:fs';
import path from 'node:path';

export const PAGES = {
  '= /': [{ as: 'public', url: '/', note: 'start page: firm sign-in' }],
  '= /login': [
    { as: 'public', url: '/login' },
    { as: 'public', url: '/login?signed_out=1', note: 'signed out notice' },
  ],
  '= /logout': [{ as: 'firm', url: '/logout', lands: '/matters', note: 'GET goes back to the matters' }],
  '= /forgot': [{ as: 'public', url: '/forgot' }],
  '= /reset': [
    { as: 'public', url: '/reset?token={resetToken}', note: 'a live reset link' },
    { as: 'public', url: '/reset?token={deadToken}', status: 400, note: 'a dead reset link' },
  ],
  '= /matters': [{ as: 'firm', url: '/matters' }],
  '~ ^/matters/[0-9]+$': [
    { as: 'firm', url: '/matters/{mid}' },
    { as: 'firm', url: '/matters/{mid}?tab=bills', note: 'a tab without a page yet' },
    { as: 'firm', url: '/matters/{freshMid}?tab=communications', note: 'portal not opened' },
    { as: 'firm', url: '/matters/999999999', status: 404, note: 'error page: not found' },
  ],
  '~ ^/matters/[0-9]+/documents$': [
    { as: 'firm', url: '/matters/{mid}/documents?notice=uploaded' },
    { as: 'firm', url: '/matters/{mid}/documents?folder={folder}', note: 'in a folder' },
    { as: 'firm', url: '/matters/{freshMid}/documents', note: 'empty' },
  ],
  '~ ^/matters/[0-9]+/documents/action$': [
    { as: 'firm', url: '/matters/{mid}/documents/action?op=delete&kind=document&id={priv}&folder=0',
      note: 'confirmation page' },
    { as: 'firm', url: '/matters/{mid}/documents/action?op=share&kind=folder&id={pfolder}&folder=0',
      note: 'confirmation page' },
  ],
  '~ ^/documents/[0-9]+/download$': [
    { as: 'firm', url: '/documents/999999999/download', status: 404, note: 'a file; its error page' },
  ],
  '~ ^/matters/[0-9]+/portal$': [
    { as: 'firm', url: '/matters/{mid}/portal?notice=sent', note: 'messages, attachments, receipts' },
    { as: 'firm', url: '/matters/{mid}/portal?events=1', note: 'with the portal events' },
    { as: 'firm', url: '/matters/{mid}/portal?view=shared', note: 'shared resources' },
    { as: 'firm', url: '/matters/{freshMid}/portal', note: 'not opened yet' },
  ],
  '~ ^/matters/[0-9]+/portal/action$': [
    { as: 'firm', url: '/matters/{mid}/portal/action?op=delete_message&message={message}', note: 'confirmation page' },
    { as: 'firm', url: '/matters/{mid}/portal/action?op=remove_participant&contact={invitee}', note: 'confirmation page' },
    { as: 'firm', url: '/matters/{mid}/portal/action?op=unshare&share={share}', note: 'confirmation page' },
  ],
  '= /portal/login': [
    { as: 'public', url: '/portal/login?firm=demo' },
    { as: 'public', url: '/portal/login?firm=demo&signed_out=1', note: 'signed out notice' },
    { as: 'public', url: '/portal/login', note: 'no firm named' },
  ],
  '~ ^/portal/(invite|forgot)$': [
    { as: 'public', url: '/portal/invite?token={inviteToken}', note: 'a live invitation' },
    { as: 'public', url: '/portal/invite?token={deadToken}', status: 400, note: 'a dead invitation' },
    { as: 'public', url: '/portal/forgot?firm=demo' },
  ],
  '= /portal/logout': [{ as: 'client', url: '/portal/logout', lands: '/portal', note: 'GET goes back to the portal' }],
  '~ ^/portal(/matters/[0-9]+)?/?$': [
    { as: 'client', url: '/portal', note: 'two matters: choose one' },
    { as: 'client', url: '/portal/matters/{mid}?notice=sent', note: 'messages with attachments' },
    { as: 'client', url: '/portal/matters/{mid}?view=shared', note: 'shared documents' },
    { as: 'client', url: '/portal/matters/{mid2}', note: 'a matter with nothing shared yet' },
    { as: 'client', url: '/portal/matters/999999999', status: 404, note: 'error page: not found' },
  ],
  '~ ^/portal/documents/[0-9]+$': [
    { as: 'client', url: '/portal/documents/{priv}', status: 404, note: 'a file; its error page (never shared)' },
  ],
  '~ ^/contacts/[0-9]+$': [
    { as: 'firm', url: '/contacts/{contact}?notice=email' },
    { as: 'firm', url: '/contacts/999999999', status: 404, note: 'error page: not found' },
  ],
  '= /contacts': [{ as: 'firm', url: '/contacts' }],
};

// Pages reached only by sending a form: the actor, the page the form is
// on, the fields typed, the button, and what the page that comes back
// shows.  Run by the test through the browser.
export const FORM_RESULTS = [
  { as: 'public', url: '/login', fill: { Email: 'nobody@nowhere.test', Password: 'not the password' },
    button: 'Sign in', expect: /not correct/, note: 'sign-in refused' },
  { as: 'public', url: '/forgot', fill: { Email: 'nobody@nowhere.test' }, button: 'Send reset link',
    expect: /Check your email/, note: 'reset link sent' },
  { as: 'public', url: '/portal/forgot?firm=demo', fill: { Email: 'nobody@nowhere.test' },
    button: 'Send reset link', expect: /Check your email/, note: 'client reset link sent' },
  { as: 'public', url: '/portal/login?firm=demo', fill: { Email: 'nobody@nowhere.test', Password: 'not the password' },
    button: 'Sign in', expect: /not correct/, note: 'client sign-in refused' },
  { as: 'public', url: '/portal/invite?token={inviteToken}',
    fill: { Password: 'a long enough password', 'Repeat the password': 'a different password' },
    button: 'Set password and sign in', expect: /./, note: 'invitation form with an error' },
];

const ACTORS = { public: ['public'], admin: ['admin'], member: ['member'], client: ['client'], firm: ['admin', 'member'] };

// The routes of routes.list: [{ prog, access, methods, loc, rx }].
export function routesOf(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [prog, access, , , methods, ...rest] = line.split('\t');
    const loc = rest.join('\t').trim();
    const [mod, pat] = [loc.slice(0, loc.indexOf(' ')), loc.slice(loc.indexOf(' ') + 1)];
    out.push({ prog, access, methods, loc, mod, pat });
  }
  return out;
}

// The route nginx gives a path: an exact location first, then the regular
// expressions in their order.
export function routeOf(routes, p) {
  return routes.find((r) => r.mod === '=' && r.pat === p) ||
    routes.find((r) => r.mod === '~' && new RegExp(r.pat).test(p)) || null;
}

// Whether a program answers GET with something (it has a GET handler).
function hasGet(root, prog) {
  const f = path.join(root, 'cgi-bin', `${prog}.c`);
  if (!fs.existsSync(f)) return true;
  return /\.get\s*=/.test(fs.readFileSync(f, 'utf8'));
}

// Every sample page, as [{ as, url, status, lands, note, loc }] with its
// slots filled from ctx; throws, naming each route, when a GET route has
// no sample, a sample names a route that is not in the list, a sample's
// path reaches another route, or a slot has no value.
export function pagesOf(root, ctx, pages = PAGES, listText) {
  const text = listText ?? fs.readFileSync(path.join(root, 'cgi-bin/routes.list'), 'utf8');
  const routes = routesOf(text);
  const gaps = [];
  for (const r of routes)
    if (r.methods !== 'POST' && hasGet(root, r.prog) && !pages[r.loc])
      gaps.push(`route "${r.loc}" (${r.prog}) has no sample page in tests/browser/a11y-pages.mjs`);
  const out = [];
  for (const [loc, samples] of Object.entries(pages)) {
    if (!routes.some((r) => r.loc === loc)) {
      gaps.push(`sample pages for "${loc}", which routes.list does not have`);
      continue;
    }
    for (const s of samples) {
      let missing = null;
      const url = s.url.replace(/\{([A-Za-z0-9]+)\}/g, (_, k) => {
        if (ctx[k] === undefined || ctx[k] === '') missing = k;
        return encodeURIComponent(String(ctx[k]));
      });
      if (missing) { gaps.push(`sample ${s.url}: no value for {${missing}}`); continue; }
      const hit = routeOf(routes, url.split('?')[0]);
      if (!hit || hit.loc !== loc) gaps.push(`sample ${url} reaches "${hit && hit.loc}", not "${loc}"`);
      if (!ACTORS[s.as]) gaps.push(`sample ${url}: unknown actor ${s.as}`);
      for (const as of ACTORS[s.as] || [])
        out.push({ as, url, status: s.status ?? 200, lands: s.lands, note: s.note || '', loc });
    }
  }
  if (gaps.length) throw new Error(`accessibility page list incomplete:\n  ${gaps.join('\n  ')}`);
  return out;
}
