// Every route the programs serve, for the access matrix (access.test.mjs).
//
// One row a request shape.  Paths, queries and bodies are templates: {slot}
// is filled from a matter's context (its matter, documents, folders, message,
// share, contacts...), so the same row is sent against the victim's matter,
// against the actor's own matter, and with one id swapped for another firm's
// or another matter's (forge).  A new nginx location, program, handler, op,
// kind or declared field that no row covers fails checkCompleteness().
//
// Row fields:
//   name    unique label used in failure messages
//   prog    the program (cgi-bin/<prog>.c) that must answer it
//   loc     the nginx location (as written in nginx/vellum.conf.in) it must reach
//   side    'firm' (needs a firm session), 'client' (a client session) or
//           'public' (sign-in pages: anyone, no victim data)
//   method  'GET' or 'POST'; op / kind: the action, as the program names it
//   path    template of the path and query; body: the form; files: uploads
//           ([[name, text]]); raw: a raw-body upload (token in a header)
//   forge   { slot: sources }: which ids, swapped for one of another 'firm' or
//           another 'matter' (of the same firm), the handler must refuse for the
//           rightful actor; 'a+b' swaps both slots from the same place
//   own     shows the signed-in person's own data (no id): anyone signed in on
//           that side gets it, without a byte of the victim's
//   self    a sign-out: only refusals across sides and signed out are tried
//   needs   'messages' / 'documents': the client permission the request needs;
//           a client with it off is refused on their OWN matter
//   never   refused even to the rightful client (a document never shared, one
//           whose sharing was stopped, a deleted message's attachment)
//   ok      the rightful actor's statuses (default GET 200, POST 303)
//   admin   admin-only: a member of the same firm is refused (403)
//   mine    the signed-in person's own account (My account, the firm's
//           sign-in settings): a GET is an own page (no victim data); a POST
//           changes the sender's own account, so on its side it is sent only
//           by the forgers (another person's session id) and by a member to
//           an admin row; the other side and the signed-out are refused.
//           The changes themselves are twofactor.test.mjs's.
//   pub     public rows: the statuses any actor may get
//   form    public POST rows: the page whose form token the actor uses

const F = ['firm'];
const FM = ['firm', 'matter'];

export const LOC = {
  root: '= /',
  login: '= /login',
  logout: '= /logout',
  forgot: '= /forgot',
  reset: '= /reset',
  matters: '= /matters',
  matter: '~ ^/matters/[0-9]+$',
  docs: '~ ^/matters/[0-9]+/documents$',
  upload: '~ ^/matters/[0-9]+/documents/upload$',
  put: '~ ^/matters/[0-9]+/documents/put$',
  docsAction: '~ ^/matters/[0-9]+/documents/action$',
  download: '~ ^/documents/[0-9]+/download$',
  portal: '~ ^/matters/[0-9]+/portal$',
  portalAction: '~ ^/matters/[0-9]+/portal/action$',
  clientLogin: '= /portal/login',
  invite: '~ ^/portal/(invite|forgot)$',
  clientLogout: '= /portal/logout',
  clientHome: '~ ^/portal(/matters/[0-9]+)?/?$',
  reply: '~ ^/portal/matters/[0-9]+/reply$',
  clientDownload: '~ ^/portal/documents/[0-9]+$',
  contact: '~ ^/contacts/[0-9]+$',
  contacts: '= /contacts',
  loginCode: '= /login/code',
  account: '= /account',
  security: '= /settings/security',
  clientCode: '= /portal/login/code',
  clientAccount: '= /portal/account',
};

const WRONG_PW = 'not the password at all';
const NEW_PW = 'a brand new password 1';

const pub = (r) => ({ side: 'public', ...r });
const firm = (r) => ({ side: 'firm', ...r });
const client = (r) => ({ side: 'client', ...r });

// docs_action: the confirmation pages (GET) and the changes (POST).
const docsConfirm = [
  ['share', 'document', '{priv}', 'priv'], ['share', 'folder', '{pfolder}', 'pfolder'],
  ['unshare', 'document', '{doc}', 'doc'], ['unshare', 'folder', '{folder}', 'folder'],
  ['delete', 'document', '{priv}', 'priv'], ['delete', 'folder', '{pfolder}', 'pfolder'],
].map(([op, kind, id, slot]) => firm({
  name: `docs_action GET ${op} ${kind} (confirmation)`, prog: 'docs_action', loc: LOC.docsAction,
  method: 'GET', op, kind, path: `/matters/{mid}/documents/action?op=${op}&kind=${kind}&id=${id}&folder=0`,
  forge: { mid: F, [slot]: FM },
}));

const docsPost = (op, kind, body, forge) => firm({
  name: `docs_action ${op}${kind ? ' ' + kind : ''}${body.folder && body.folder !== '0' ? ' in a folder' : ''}`,
  prog: 'docs_action', loc: LOC.docsAction, method: 'POST', op, kind,
  path: '/matters/{mid}/documents/action', body: { op, ...(kind ? { kind } : {}), folder: '0', ...body },
  forge: { mid: F, ...forge },
});

const portalPost = (label, body, forge = {}, extra = {}) => firm({
  name: `portal_action ${label}`, prog: 'portal_action', loc: LOC.portalAction, method: 'POST', op: body.op,
  path: '/matters/{mid}/portal/action', body, forge: { mid: F, ...forge }, ...extra,
});

export const routes = [
  // ---- public: the sign-in pages ----
  pub({ name: 'start page', prog: 'auth_login', loc: LOC.root, method: 'GET', path: '/', pub: [200, 303] }),
  pub({ name: 'start page POST (nginx refuses)', prog: 'auth_login', loc: LOC.root, method: 'POST', path: '/',
    body: { email: '{nobody}', password: WRONG_PW }, form: '/', pub: [403] }),
  pub({ name: 'firm sign-in page', prog: 'auth_login', loc: LOC.login, method: 'GET',
    path: '/login?next=/matters&signed_out=1&reset=1', pub: [200, 303] }),
  pub({ name: 'firm sign-in POST (unknown address)', prog: 'auth_login', loc: LOC.login, method: 'POST', path: '/login',
    body: { email: '{nobody}', password: WRONG_PW, next: '/matters' }, form: '/login', pub: [200] }),
  pub({ name: 'firm forgot page', prog: 'auth_forgot', loc: LOC.forgot, method: 'GET', path: '/forgot', pub: [200] }),
  pub({ name: 'firm forgot POST (unknown address)', prog: 'auth_forgot', loc: LOC.forgot, method: 'POST', path: '/forgot',
    body: { email: '{nobody}' }, form: '/forgot', pub: [200] }),
  pub({ name: 'firm reset page (dead token)', prog: 'auth_reset', loc: LOC.reset, method: 'GET',
    path: '/reset?token={badtoken}', pub: [400] }),
  pub({ name: 'firm reset POST (dead token)', prog: 'auth_reset', loc: LOC.reset, method: 'POST', path: '/reset',
    body: { token: '{badtoken}', password: NEW_PW, confirm: NEW_PW }, form: '/forgot', pub: [400] }),
  pub({ name: 'client sign-in page', prog: 'client_login', loc: LOC.clientLogin, method: 'GET',
    path: '/portal/login?firm={slug}&signed_out=1&password_set=1&next=/portal', pub: [200, 303] }),
  pub({ name: 'client sign-in POST (unknown address)', prog: 'client_login', loc: LOC.clientLogin, method: 'POST',
    path: '/portal/login?firm={slug}', body: { email: '{nobody}', password: WRONG_PW, next: '/portal' },
    form: '/portal/login?firm={slug}', pub: [200] }),
  pub({ name: 'client invitation page (dead token)', prog: 'client_invite', loc: LOC.invite, method: 'GET',
    path: '/portal/invite?token={badtoken}', pub: [400] }),
  pub({ name: 'client invitation POST (dead token)', prog: 'client_invite', loc: LOC.invite, method: 'POST',
    path: '/portal/invite', body: { token: '{badtoken}', password: NEW_PW, confirm: NEW_PW },
    form: '/portal/forgot?firm={slug}', pub: [400] }),
  // The second sign-in step, without a pending sign-in: "sign in again".
  pub({ name: 'firm code page (no pending sign-in)', prog: 'auth_code', loc: LOC.loginCode, method: 'GET',
    path: '/login/code?next=/matters', pub: [400] }),
  pub({ name: 'firm code POST (no pending sign-in)', prog: 'auth_code', loc: LOC.loginCode, method: 'POST',
    path: '/login/code', body: { code: '123456', next: '/matters' }, form: '/login', pub: [400] }),
  pub({ name: 'client code page (no pending sign-in)', prog: 'client_code', loc: LOC.clientCode, method: 'GET',
    path: '/portal/login/code?firm={slug}&next=/portal', pub: [400] }),
  pub({ name: 'client code POST (no pending sign-in)', prog: 'client_code', loc: LOC.clientCode, method: 'POST',
    path: '/portal/login/code', body: { code: '123456', next: '/portal' }, form: '/portal/login?firm={slug}', pub: [400] }),
  pub({ name: 'client forgot page', prog: 'client_invite', loc: LOC.invite, method: 'GET',
    path: '/portal/forgot?firm={slug}', pub: [200] }),
  pub({ name: 'client forgot POST (unknown address)', prog: 'client_invite', loc: LOC.invite, method: 'POST',
    path: '/portal/forgot', body: { firm: '{slug}', email: '{nobody}' }, form: '/portal/forgot?firm={slug}', pub: [200] }),

  // ---- firm pages ----
  firm({ name: 'matters list', prog: 'matters_list', loc: LOC.matters, method: 'GET', path: '/matters', own: true }),
  firm({ name: 'matter page', prog: 'matter_show', loc: LOC.matter, method: 'GET', path: '/matters/{mid}', forge: { mid: F } }),
  firm({ name: 'matter page, a tab', prog: 'matter_show', loc: LOC.matter, method: 'GET',
    path: '/matters/{mid}?tab=communications', forge: { mid: F } }),
  firm({ name: 'documents list', prog: 'docs_list', loc: LOC.docs, method: 'GET',
    path: '/matters/{mid}/documents?notice=uploaded', forge: { mid: F } }),
  firm({ name: 'documents list, a folder', prog: 'docs_list', loc: LOC.docs, method: 'GET',
    path: '/matters/{mid}/documents?folder={folder}', forge: { mid: F, folder: FM } }),
  ...['doc', 'priv', 'attach', 'inFolder', 'cupload'].map((slot) => firm({
    name: `document download (${slot})`, prog: 'docs_download', loc: LOC.download, method: 'GET',
    path: `/documents/{${slot}}/download`, forge: { [slot]: F } })),
  firm({ name: 'portal page', prog: 'portal_show', loc: LOC.portal, method: 'GET', path: '/matters/{mid}/portal',
    forge: { mid: F } }),
  firm({ name: 'portal page, shared resources', prog: 'portal_show', loc: LOC.portal, method: 'GET',
    path: '/matters/{mid}/portal?view=shared', forge: { mid: F } }),
  firm({ name: 'portal page, with events', prog: 'portal_show', loc: LOC.portal, method: 'GET',
    path: '/matters/{mid}/portal?events=1&notice=sent', forge: { mid: F } }),
  firm({ name: 'portal_action GET delete_message (confirmation)', prog: 'portal_action', loc: LOC.portalAction,
    method: 'GET', op: 'delete_message', path: '/matters/{mid}/portal/action?op=delete_message&message={message}',
    forge: { mid: F, message: FM } }),
  firm({ name: 'portal_action GET remove_participant (confirmation)', prog: 'portal_action', loc: LOC.portalAction,
    method: 'GET', op: 'remove_participant', path: '/matters/{mid}/portal/action?op=remove_participant&contact={contact}',
    forge: { mid: F, contact: FM } }),
  firm({ name: 'portal_action GET unshare (confirmation)', prog: 'portal_action', loc: LOC.portalAction,
    method: 'GET', op: 'unshare', path: '/matters/{mid}/portal/action?op=unshare&share={share}',
    forge: { mid: F, share: FM } }),
  ...docsConfirm,
  firm({ name: 'contacts list', prog: 'contacts_list', loc: LOC.contacts, method: 'GET', path: '/contacts', own: true }),
  firm({ name: 'contact page', prog: 'contact_show', loc: LOC.contact, method: 'GET',
    path: '/contacts/{contact}?notice=email', forge: { contact: F } }),
  firm({ name: 'my account', prog: 'account_show', loc: LOC.account, method: 'GET',
    path: '/account?notice=password_changed&page=0', mine: true }),
  firm({ name: 'my account, enrolment', prog: 'account_show', loc: LOC.account, method: 'GET',
    path: '/account?view=enrol', mine: true }),
  firm({ name: 'sign-in security (admins)', prog: 'settings_security', loc: LOC.security, method: 'GET',
    path: '/settings/security?notice=required_on&page=0', mine: true, admin: true }),
  firm({ name: 'firm sign-out page', prog: 'auth_logout', loc: LOC.logout, method: 'GET', path: '/logout', self: true }),
  firm({ name: 'firm sign-out', prog: 'auth_logout', loc: LOC.logout, method: 'POST', path: '/logout', body: {}, self: true }),

  // ---- client pages ----
  client({ name: 'client home', prog: 'client_home', loc: LOC.clientHome, method: 'GET', path: '/portal', own: true,
    ok: [200, 303] }),
  client({ name: 'client home/', prog: 'client_home', loc: LOC.clientHome, method: 'GET', path: '/portal/', own: true,
    ok: [200, 303] }),
  client({ name: 'client matter (feed)', prog: 'client_home', loc: LOC.clientHome, method: 'GET',
    path: '/portal/matters/{mid}?notice=sent', needs: 'messages', forge: { mid: FM } }),
  client({ name: 'client matter, messages', prog: 'client_home', loc: LOC.clientHome, method: 'GET',
    path: '/portal/matters/{mid}?view=messages', needs: 'messages', forge: { mid: FM } }),
  client({ name: 'client matter, shared resources', prog: 'client_home', loc: LOC.clientHome, method: 'GET',
    path: '/portal/matters/{mid}?view=shared', needs: 'documents', forge: { mid: FM } }),
  // (events=1 is the firm's portal page's; a client's page ignores it)
  client({ name: 'client matter, events asked for', prog: 'client_home', loc: LOC.clientHome, method: 'GET',
    path: '/portal/matters/{mid}?events=1', needs: 'messages', forge: { mid: FM } }),
  ...[['doc', 'documents'], ['inFolder', 'documents'], ['inMfolder', 'documents'], ['attach', 'any'],
    ['sentup', 'any'], ['cupload', 'any']].map(([slot, needs]) => client({
    name: `client download (${slot})`, prog: 'client_download', loc: LOC.clientDownload, method: 'GET',
    path: `/portal/documents/{${slot}}`, needs, forge: { [slot]: FM } })),
  client({ name: 'client download (never shared)', prog: 'client_download', loc: LOC.clientDownload, method: 'GET',
    path: '/portal/documents/{priv}', never: true }),
  client({ name: 'client download (sharing stopped)', prog: 'client_download', loc: LOC.clientDownload, method: 'GET',
    path: '/portal/documents/{revoked}', never: true }),
  client({ name: 'client download (a deleted message\'s attachment)', prog: 'client_download', loc: LOC.clientDownload,
    method: 'GET', path: '/portal/documents/{gone}', never: true }),
  client({ name: 'client my account', prog: 'client_account', loc: LOC.clientAccount, method: 'GET',
    path: '/portal/account?notice=password_changed&page=0', mine: true }),
  client({ name: 'client my account, enrolment', prog: 'client_account', loc: LOC.clientAccount, method: 'GET',
    path: '/portal/account?view=enrol', mine: true }),
  client({ name: 'client sign-out page', prog: 'client_logout', loc: LOC.clientLogout, method: 'GET',
    path: '/portal/logout', self: true }),

  // ---- changes (POST) ----
  // The order is the rightful actor's, who makes each change once on a
  // matter of its own: clients first, then portal, upload and documents
  // actions, each destructive one after those that need its item.
  client({ name: 'client reply', prog: 'client_reply', loc: LOC.reply, method: 'POST',
    path: '/portal/matters/{mid}/reply', body: { body: 'an intruder writes' }, needs: 'messages', forge: { mid: FM } }),
  client({ name: 'client reply with upload', prog: 'client_reply', loc: LOC.reply, method: 'POST',
    path: '/portal/matters/{mid}/reply', body: { body: 'an intruder uploads' },
    files: [['intruder-reply.txt', 'bytes an intruder left']], needs: 'messages', forge: { mid: FM } }),
  client({ name: 'client sign-out', prog: 'client_logout', loc: LOC.clientLogout, method: 'POST',
    path: '/portal/logout', body: {}, self: true }),

  portalPost('open', { op: 'open' }),
  portalPost('send', { op: 'send', body: 'an intruder writes' }),
  portalPost('send with a document', { op: 'send', body: 'an intruder attaches', document: '{priv}' }, { priv: FM }),
  portalPost('send with a folder', { op: 'send', body: 'an intruder sends a folder', folder: '{pfolder}' }, { pfolder: FM }),
  portalPost('send with an upload', { op: 'send', body: 'an intruder uploads' }, {},
    { files: [['intruder-send.txt', 'bytes an intruder left']] }),
  portalPost('share a document', { op: 'share', document: '{priv}' }, { priv: FM }),
  portalPost('share a folder', { op: 'share', folder: '{pfolder}' }, { pfolder: FM }),
  portalPost('mute', { op: 'mute' }),
  portalPost('unmute', { op: 'unmute' }),
  portalPost('permissions', { op: 'permissions', perm_messages: '1', perm_documents: '1' }),
  portalPost('set_email', { op: 'set_email', contact: '{contact}', email: '{email}' }, { 'contact+email': F }),
  portalPost('add_participant', { op: 'add_participant', contact: '{other}' }, { other: F }),
  portalPost('unshare', { op: 'unshare', share: '{share}' }, { share: FM }),
  portalPost('delete_message', { op: 'delete_message', message: '{message}' }, { message: FM }),
  portalPost('remove_participant', { op: 'remove_participant', contact: '{contact}' }, { contact: FM }),

  firm({ name: 'upload', prog: 'docs_upload', loc: LOC.upload, method: 'POST', path: '/matters/{mid}/documents/upload',
    body: { folder: '0' }, files: [['intruder-upload.txt', 'bytes an intruder left']], forge: { mid: F } }),
  firm({ name: 'upload into a folder', prog: 'docs_upload', loc: LOC.upload, method: 'POST',
    path: '/matters/{mid}/documents/upload', body: { folder: '{pfolder}' },
    files: [['intruder-upload.txt', 'bytes an intruder left']], forge: { mid: F, pfolder: FM } }),
  firm({ name: 'put (raw upload)', prog: 'docs_upload', loc: LOC.put, method: 'POST',
    path: '/matters/{mid}/documents/put?folder=0&name=intruder-put.txt', raw: 'bytes an intruder left',
    forge: { mid: F } }),
  firm({ name: 'put (raw upload) into a folder', prog: 'docs_upload', loc: LOC.put, method: 'POST',
    path: '/matters/{mid}/documents/put?folder={pfolder}&name=intruder-put.txt', raw: 'bytes an intruder left',
    forge: { mid: F, pfolder: FM } }),

  docsPost('new_folder', null, { name: 'intruder folder' }),
  docsPost('new_folder', null, { name: 'intruder folder', folder: '{pfolder}' }, { pfolder: FM }),
  docsPost('rename', 'document', { id: '{priv}', name: 'renamed by an intruder' }, { priv: FM }),
  docsPost('rename', 'folder', { id: '{pfolder}', name: 'renamed by an intruder' }, { pfolder: FM }),
  docsPost('move', 'document', { id: '{priv}', target: '{pfolder}' }, { priv: FM, pfolder: FM }),
  docsPost('move', 'folder', { id: '{mfolder}', target: '{pfolder}' }, { mfolder: FM, pfolder: FM }),
  docsPost('share', 'document', { id: '{priv}' }, { priv: FM }),
  docsPost('share', 'folder', { id: '{pfolder}' }, { pfolder: FM }),
  docsPost('unshare', 'document', { id: '{attach}' }, { attach: FM }),
  docsPost('unshare', 'folder', { id: '{folder}' }, { folder: FM }),
  docsPost('delete', 'document', { id: '{priv}' }, { priv: FM }),
  docsPost('delete', 'folder', { id: '{pfolder}' }, { pfolder: FM }),

  // My account and the firm's switch (see `mine` above).
  ...[['password', { current: WRONG_PW, password: NEW_PW, confirm: NEW_PW }], ['totp_start', {}],
    ['totp_confirm', { code: '123456' }], ['totp_remove', { current: WRONG_PW }], ['recovery_new', {}]]
    .flatMap(([op, body]) => [
      firm({ name: `my account ${op}`, prog: 'account_show', loc: LOC.account, method: 'POST', op,
        path: '/account', body: { op, ...body }, mine: true }),
      client({ name: `client my account ${op}`, prog: 'client_account', loc: LOC.clientAccount, method: 'POST', op,
        path: '/portal/account', body: { op, ...body }, mine: true }),
    ]),
  firm({ name: 'my account end_session', prog: 'account_show', loc: LOC.account, method: 'POST', op: 'end_session',
    path: '/account', body: { op: 'end_session', session: '{fsess}' }, mine: true, forge: { fsess: F } }),
  client({ name: 'client my account end_session', prog: 'client_account', loc: LOC.clientAccount, method: 'POST',
    op: 'end_session', path: '/portal/account', body: { op: 'end_session', session: '{csess}' }, mine: true,
    forge: { csess: FM } }),
  firm({ name: 'sign-in security: require two-factor sign-in', prog: 'settings_security', loc: LOC.security,
    method: 'POST', path: '/settings/security', body: { require: '1' }, mine: true, admin: true }),

  firm({ name: 'contact login email', prog: 'contact_show', loc: LOC.contact, method: 'POST',
    path: '/contacts/{contact}', body: { email: '{email}' }, forge: { 'contact+email': F } }),
];

// ---- filling templates ----

const SLOT = /\{([A-Za-z]+)\}/g;

// The slots a row uses (path, body).
export function slotsOf(route) {
  const text = route.path + JSON.stringify(route.body || {});
  return [...new Set([...text.matchAll(SLOT)].map((m) => m[1]))];
}

// Fills a template from ctx; undefined if a slot has no value there.
export function fill(template, ctx) {
  let missing = false;
  const out = template.replace(SLOT, (_, k) => {
    if (ctx[k] === undefined || ctx[k] === null || ctx[k] === '') missing = true;
    return encodeURIComponent(String(ctx[k]));
  });
  return missing ? undefined : out;
}

// The concrete request of a row against ctx, or null if ctx lacks a slot.
export function requestOf(route, ctx) {
  const path = fill(route.path, ctx);
  if (path === undefined) return null;
  const body = {};
  for (const [k, v] of Object.entries(route.body || {})) {
    const val = fill(v, ctx);
    if (val === undefined) return null;
    body[k] = decodeURIComponent(val);
  }
  const form = route.form ? fill(route.form, ctx) : undefined;
  return { route, method: route.method, path, body, files: route.files, raw: route.raw, form };
}

// ---- completeness: the table against nginx, the Makefile and the programs ----

// The fastcgi locations of an nginx config: [{ loc: '~ ^/x$', mod, pat, prog }],
// and every location (for matching), in order.
export function nginxLocations(text) {
  const all = [];
  const re = /^\s*location\s+(?:(=|~\*?|\^~)\s+)?(\S+)\s*\{/gm;
  let m;
  while ((m = re.exec(text))) {
    // The block: up to the brace that closes it.
    let depth = 1, i = re.lastIndex;
    while (depth > 0 && i < text.length) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
      i++;
    }
    const block = text.slice(re.lastIndex, i);
    const pass = block.match(/fastcgi_pass\s+unix:\S*\/run\/([A-Za-z0-9_]+)\.sock/);
    const mod = m[1] || '';
    all.push({ loc: mod ? `${mod} ${m[2]}` : m[2], mod, pat: m[2], prog: pass ? pass[1] : null });
  }
  return all;
}

// Which location nginx picks for a path (exact, then ^~ longest prefix, then
// regexes in order, then the longest prefix).
export function nginxMatch(locs, path) {
  const exact = locs.find((l) => l.mod === '=' && l.pat === path);
  if (exact) return exact;
  const prefixes = locs.filter((l) => (l.mod === '' || l.mod === '^~') && path.startsWith(l.pat))
    .sort((a, b) => b.pat.length - a.pat.length);
  if (prefixes[0] && prefixes[0].mod === '^~') return prefixes[0];
  const rx = locs.find((l) => l.mod.startsWith('~') && new RegExp(l.pat, l.mod === '~*' ? 'i' : '').test(path));
  return rx || prefixes[0] || null;
}

export function makefilePrograms(text) {
  const m = text.match(/^CGI\s*=((?:[^\n]*\\\n)*[^\n]*)/m);
  if (!m) throw new Error('no CGI list in the Makefile');
  return m[1].replace(/\\\n/g, ' ').trim().split(/\s+/);
}

// What a program's source says it handles: GET/POST handlers, the ops it
// compares, the kinds, its declared fields.
export function programFacts(src) {
  const facts = { get: /\.get\s*=/.test(src), post: /\.post\s*=/.test(src), ops: [], kinds: [], fields: [] };
  // Ops compared by name, or listed in the program's table of ops.
  const table = src.match(/\}\s*ops\[\]\s*=\s*\{([\s\S]*?)\n\};/);
  facts.ops = [...new Set([...src.matchAll(/strcmp\(op,\s*"([a-z_]+)"\)/g)].map((m) => m[1])
    .concat(table ? [...table[1].matchAll(/\{\s*"([a-z_]+)",/g)].map((m) => m[1]) : []))];
  facts.kinds = [...new Set([...src.matchAll(/strcmp\(kind,\s*"([a-z_]+)"\)/g)].map((m) => m[1]))];
  const f = src.match(/struct vl_field fields\[[^\]]*\]\s*=\s*\{([\s\S]*?)\n\};/);
  if (f) facts.fields = [...f[1].matchAll(/\{\s*"([a-z_]+)"/g)].map((m) => m[1]);
  return facts;
}

// The ops a program's confirmation function shows a page for.
export function confirmOps(src, fn) {
  const start = src.indexOf(`\n${fn}(`);
  if (start < 0) throw new Error(`no ${fn}() in the program`);
  const body = src.slice(start, src.indexOf('\n}\n', start));
  return [...new Set([...body.matchAll(/strcmp\(op,\s*"([a-z_]+)"\)/g)].map((m) => m[1]))];
}

// Every way the table falls short, as sentences (empty: complete).
export function checkCompleteness({ nginx, makefile, sources, sample }) {
  const gaps = [];
  const locs = nginxLocations(nginx);
  const fcgi = locs.filter((l) => l.prog);
  const progs = makefilePrograms(makefile);
  for (const l of fcgi)
    if (!routes.some((r) => r.loc === l.loc)) gaps.push(`nginx location "${l.loc}" (${l.prog}) has no route`);
  for (const r of routes) {
    const l = fcgi.find((x) => x.loc === r.loc);
    if (!l) { gaps.push(`route "${r.name}": no nginx location "${r.loc}"`); continue; }
    if (l.prog !== r.prog) gaps.push(`route "${r.name}": "${r.loc}" goes to ${l.prog}, not ${r.prog}`);
    const req = requestOf(r, sample);
    const path = req && req.path.split('?')[0];
    const hit = path && nginxMatch(locs, path);
    if (!hit || hit.loc !== r.loc) gaps.push(`route "${r.name}": ${path} reaches "${hit && hit.loc}", not "${r.loc}"`);
  }
  for (const p of progs) {
    const mine = routes.filter((r) => r.prog === p);
    if (!mine.length) { gaps.push(`program ${p} (Makefile) has no route`); continue; }
    if (!fcgi.some((l) => l.prog === p)) gaps.push(`program ${p} has no nginx location`);
    const src = sources[p];
    if (src === undefined) { gaps.push(`program ${p}: no cgi-bin/${p}.c`); continue; }
    const f = programFacts(src);
    if (f.get && !mine.some((r) => r.method === 'GET')) gaps.push(`${p} has a GET handler and no GET route`);
    if (f.post && !mine.some((r) => r.method === 'POST')) gaps.push(`${p} has a POST handler and no POST route`);
    for (const op of f.ops)
      if (!mine.some((r) => r.method === 'POST' && r.op === op)) gaps.push(`${p}: op "${op}" has no POST route`);
    for (const op of f.ops.filter((o) => f.kinds.length && o !== 'new_folder'))
      for (const kind of f.kinds)
        if (!mine.some((r) => r.method === 'POST' && r.op === op && r.kind === kind))
          gaps.push(`${p}: op "${op}" of a ${kind} has no route`);
    for (const field of f.fields)
      if (!mine.some((r) => r.path.includes(`${field}=`) || (r.body && field in r.body)))
        gaps.push(`${p}: declared field "${field}" is in no route`);
  }
  for (const r of routes)
    if (!progs.includes(r.prog)) gaps.push(`route "${r.name}": program ${r.prog} is not built by the Makefile`);
  // The "Are you sure...?" pages are each program's own confirm().
  for (const prog of ['portal_action', 'docs_action'])
    for (const op of confirmOps(sources[prog] || '', 'confirm'))
      if (!routes.some((r) => r.prog === prog && r.method === 'GET' && r.op === op))
        gaps.push(`${prog}: the confirmation of "${op}" has no GET route`);
  const names = routes.map((r) => r.name);
  for (const n of names.filter((x, i) => names.indexOf(x) !== i)) gaps.push(`route name "${n}" twice`);
  return gaps;
}
