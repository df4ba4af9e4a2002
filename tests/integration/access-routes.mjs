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
//   needs   'messages' / 'documents' / 'tasks' / 'notes' / 'calendar': the client permission the request needs;
//           a client with it off is refused on their OWN matter
//   never   refused even to the rightful client (a document never shared, one
//           whose sharing was stopped, a deleted message's attachment)
//   ok      the rightful actor's statuses (default GET 200, POST 303)
//   admin   admin-only: a member of the same firm gets 403 and nothing changes
//   mine    a change to the signed-in firm's own records or settings that
//           names no id of the victim's (a new contact or matter, a firm
//           setting, the logo, a new invitation): another firm's admin does
//           it to its own firm, so it is not sent as an intruder's (its
//           forged ids still are, by the rightful); workspace-*.test.mjs
//           check that such changes leave the victim's firm alone
//   notag   a page with nothing of a matter's on it (an empty form, a firm
//           setting, a user list): the positive control does not look for
//           the victim's tag on it
//   myacct  the signed-in person's own account (My account, the firm's
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
  setup: '= /setup',
  join: '= /join',
  logo: '~ ^/logos/[0-9]+$',
  settings: '= /settings',
  settingsLogo: '= /settings/logo',
  users: '= /users',
  usersInvite: '= /users/invite',
  usersAction: '= /users/action',
  audit: '~ ^/audit(\\.csv)?$',
  contactNew: '= /contacts/new',
  contactEdit: '~ ^/contacts/[0-9]+/edit$',
  matterNew: '= /matters/new',
  matterEdit: '~ ^/matters/[0-9]+/edit$',
  settingsMatters: '= /settings/matters',
  settingsCategories: '= /settings/categories',
  settingsFields: '= /settings/fields',
  activities: '~ ^/matters/[0-9]+/activities$',
  activityEdit: '~ ^/matters/[0-9]+/activities/edit$',
  loginCode: '= /login/code',
  account: '= /account',
  security: '= /settings/security',
  clientCode: '= /portal/login/code',
  clientAccount: '= /portal/account',
  myTasks: '= /tasks',
  tasks: '~ ^/matters/[0-9]+/tasks$',
  taskEdit: '~ ^/matters/[0-9]+/tasks/edit$',
  notes: '~ ^/matters/[0-9]+/notes$',
  noteEdit: '~ ^/matters/[0-9]+/notes/edit$',
  clientTasks: '~ ^/portal/matters/[0-9]+/tasks$',
  clientNotes: '~ ^/portal/matters/[0-9]+/notes(/[0-9]+)?$',
  calendar: '= /calendar',
  matterCalendar: '~ ^/matters/[0-9]+/calendar$',
  calEdit: '= /calendar/edit',
  calSettings: '= /calendar/settings',
  calFeed: '~ ^/calendar/feed/[A-Za-z0-9_-]+\\.ics$',
  clientCalendar: '~ ^/portal/matters/[0-9]+/calendar$',
  clientEvent: '~ ^/portal/events/[0-9]+\\.ics$',
  forms: '= /forms',
  formEdit: '~ ^/forms/(new|[0-9]+)$',
  matterForms: '~ ^/matters/[0-9]+/forms$',
  submission: '~ ^/matters/[0-9]+/forms/submissions/[0-9]+(\\.csv|\\.pdf)?$',
  clientForms: '~ ^/portal/matters/[0-9]+/forms$',
  clientForm: '~ ^/portal/matters/[0-9]+/forms/[0-9]+$',
  settingsPayments: '= /settings/payments',
  webhook: '= /webhooks/stripe',
  paymentRecord: '~ ^/bills/[0-9]+/payments/new$',
  payment: '~ ^/payments/[0-9]+$',
  payLink: '~ ^/pay/[A-Za-z0-9_-]+$',
  clientPay: '~ ^/portal/bills/[0-9]+/pay$',
  billing: '= /billing',
  billingSend: '= /billing/send',
  matterBills: '~ ^/matters/[0-9]+/bills$',
  billNew: '~ ^/(matters|contacts)/[0-9]+/bills/new$',
  fundsNew: '~ ^/(matters|contacts)/[0-9]+/funds/new$',
  bill: '~ ^/bills/[0-9]+(\\.pdf)?$',
  billSend: '~ ^/bills/[0-9]+/send$',
  envelopes: '= /envelopes',
  envelope: '~ ^/envelopes/[0-9]+$',
  settingsBilling: '= /settings/billing',
  clientBills: '~ ^/portal/matters/[0-9]+/bills$',
  clientBill: '~ ^/portal/bills/[0-9]+(\\.pdf)?$',
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
  // The first run is gone once a firm exists (every actor: 404).
  pub({ name: 'setup page (a firm exists)', prog: 'setup', loc: LOC.setup, method: 'GET', path: '/setup', pub: [404] }),
  pub({ name: 'setup POST (a firm exists)', prog: 'setup', loc: LOC.setup, method: 'POST', path: '/setup',
    body: { code: 'AAAAA-AAAAA-AAAAA-AAAAA', firm: 'Intruder LLP', slug: 'intruder', name: 'Ivan Intruder',
      email: '{nobody}', password: NEW_PW, confirm: NEW_PW, zone: 'UTC' }, form: '/forgot', pub: [404] }),
  pub({ name: 'colleague invitation page (dead token)', prog: 'staff_join', loc: LOC.join, method: 'GET',
    path: '/join?token={badtoken}', pub: [400] }),
  pub({ name: 'colleague invitation POST (dead token)', prog: 'staff_join', loc: LOC.join, method: 'POST',
    path: '/join', body: { token: '{badtoken}', name: 'Ivan Intruder', password: NEW_PW, confirm: NEW_PW },
    form: '/forgot', pub: [400] }),
  pub({ name: 'firm logo', prog: 'firm_logo', loc: LOC.logo, method: 'GET', path: '/logos/{logofirm}', pub: [200, 404] }),
  pub({ name: 'calendar feed (dead token)', prog: 'cal_feed', loc: LOC.calFeed, method: 'GET',
    path: '/calendar/feed/{badtoken}.ics', pub: [404] }),
  pub({ name: 'client forgot POST (unknown address)', prog: 'client_invite', loc: LOC.invite, method: 'POST',
    path: '/portal/forgot', body: { firm: '{slug}', email: '{nobody}' }, form: '/portal/forgot?firm={slug}', pub: [200] }),

  // ---- firm pages ----
  firm({ name: 'matters list', prog: 'matters_list', loc: LOC.matters, method: 'GET', path: '/matters', own: true }),
  firm({ name: 'matter page', prog: 'matter_show', loc: LOC.matter, method: 'GET', path: '/matters/{mid}?notice=created',
    forge: { mid: F } }),
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
  // Earlier messages: a cursor is a place in the feed, not an id to check.
  firm({ name: 'portal page, earlier messages', prog: 'portal_show', loc: LOC.portal, method: 'GET',
    path: '/matters/{mid}/portal?events=1&before=253402300799999999-1', forge: { mid: F } }),
  // The search of contacts to add: the firm's only, on another firm's matter a 404.
  firm({ name: 'portal page, finding a contact to add', prog: 'portal_show', loc: LOC.portal, method: 'GET',
    path: '/matters/{mid}/portal?find=a', forge: { mid: F } }),
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
  // ---- admin pages ----
  firm({ name: 'settings page', prog: 'settings', loc: LOC.settings, method: 'GET',
    path: '/settings?notice=saved&logo_error=type', own: true, admin: true, notag: true }),
  firm({ name: 'users list', prog: 'users_list', loc: LOC.users, method: 'GET',
    path: '/users?q=&status=all&page=1&notice=invited', own: true, admin: true, notag: true }),
  firm({ name: 'invite page', prog: 'users_invite', loc: LOC.usersInvite, method: 'GET', path: '/users/invite',
    own: true, admin: true, notag: true }),
  firm({ name: 'users_action GET deactivate (confirmation)', prog: 'users_action', loc: LOC.usersAction,
    method: 'GET', op: 'deactivate', path: '/users/action?op=deactivate&user={staff}', admin: true, forge: { staff: F } }),
  firm({ name: 'contacts list, searched', prog: 'contacts_list', loc: LOC.contacts, method: 'GET',
    path: '/contacts?q=Vera&archived=0&page=1', own: true }),
  firm({ name: 'new contact form', prog: 'contact_edit', loc: LOC.contactNew, method: 'GET', path: '/contacts/new',
    own: true, notag: true }),
  firm({ name: 'contact edit form', prog: 'contact_edit', loc: LOC.contactEdit, method: 'GET',
    path: '/contacts/{contact}/edit', forge: { contact: F } }),
  firm({ name: 'matters list, filtered', prog: 'matters_list', loc: LOC.matters, method: 'GET',
    path: '/matters?status=open&client={contact}&responsible=0&q=Matter&sort=-opened&page=1', own: true }),
  firm({ name: 'new matter form', prog: 'matter_edit', loc: LOC.matterNew, method: 'GET',
    path: '/matters/new?client={contact}', own: true }),
  firm({ name: 'matter edit form', prog: 'matter_edit', loc: LOC.matterEdit, method: 'GET',
    path: '/matters/{mid}/edit', forge: { mid: F } }),
  firm({ name: 'matter numbers (admin)', prog: 'settings_matters', loc: LOC.settingsMatters, method: 'GET',
    path: '/settings/matters?notice=saved', own: true, admin: true, notag: true }),
  firm({ name: 'activity categories (admin)', prog: 'settings_categories', loc: LOC.settingsCategories, method: 'GET',
    path: '/settings/categories?notice=added', own: true, admin: true }),
  firm({ name: 'matter fields (admin)', prog: 'settings_fields', loc: LOC.settingsFields, method: 'GET',
    path: '/settings/fields?notice=added', own: true, admin: true }),
  firm({ name: 'activities', prog: 'activities_list', loc: LOC.activities, method: 'GET',
    path: '/matters/{mid}/activities?kind=time&from=2026-01-01&to=2026-12-31&page=1&notice=added', forge: { mid: F } }),
  firm({ name: 'activity form, new', prog: 'activity_edit', loc: LOC.activityEdit, method: 'GET',
    path: '/matters/{mid}/activities/edit?kind=expense', forge: { mid: F } }),
  firm({ name: 'activity form, edit', prog: 'activity_edit', loc: LOC.activityEdit, method: 'GET',
    path: '/matters/{mid}/activities/edit?id={act}', forge: { mid: F, act: FM } }),
  firm({ name: 'activity delete (confirmation)', prog: 'activity_edit', loc: LOC.activityEdit, method: 'GET',
    path: '/matters/{mid}/activities/edit?op=delete&id={act}', forge: { mid: F, act: FM } }),
  // Tasks and notes (F-A8, F-B11).
  firm({ name: 'tasks', prog: 'tasks_list', loc: LOC.tasks, method: 'GET',
    path: '/matters/{mid}/tasks?show=all&assignee={user}&due=&page=1&notice=added', forge: { mid: F } }),
  firm({ name: 'tasks, due this week', prog: 'tasks_list', loc: LOC.tasks, method: 'GET',
    path: '/matters/{mid}/tasks?show=open&due=week', forge: { mid: F } }),
  firm({ name: 'task form, new', prog: 'task_edit', loc: LOC.taskEdit, method: 'GET',
    path: '/matters/{mid}/tasks/edit', forge: { mid: F } }),
  firm({ name: 'task form, edit', prog: 'task_edit', loc: LOC.taskEdit, method: 'GET',
    path: '/matters/{mid}/tasks/edit?id={task}', forge: { mid: F, task: FM } }),
  firm({ name: 'task delete (confirmation)', prog: 'task_edit', loc: LOC.taskEdit, method: 'GET',
    path: '/matters/{mid}/tasks/edit?op=delete&id={task}', forge: { mid: F, task: FM } }),
  firm({ name: 'my tasks', prog: 'my_tasks', loc: LOC.myTasks, method: 'GET', path: '/tasks?due=overdue&page=1',
    own: true, notag: true }),
  firm({ name: 'notes', prog: 'notes_list', loc: LOC.notes, method: 'GET',
    path: '/matters/{mid}/notes?page=1&notice=saved', forge: { mid: F } }),
  firm({ name: 'note form, new', prog: 'note_edit', loc: LOC.noteEdit, method: 'GET',
    path: '/matters/{mid}/notes/edit', forge: { mid: F } }),
  firm({ name: 'note form, edit', prog: 'note_edit', loc: LOC.noteEdit, method: 'GET',
    path: '/matters/{mid}/notes/edit?id={note}', forge: { mid: F, note: FM } }),
  firm({ name: 'note delete (confirmation)', prog: 'note_edit', loc: LOC.noteEdit, method: 'GET',
    path: '/matters/{mid}/notes/edit?op=delete&id={note}', forge: { mid: F, note: FM } }),
  // The calendar (events of the context's matter, on {evday}).
  firm({ name: 'calendar', prog: 'cal_view', loc: LOC.calendar, method: 'GET',
    path: '/calendar?view=agenda&date={evday}&user=0&notice=added', own: true }),
  firm({ name: 'calendar, month', prog: 'cal_view', loc: LOC.calendar, method: 'GET',
    path: '/calendar?view=month&date={evday}&user={user}', own: true }),
  firm({ name: 'matter calendar', prog: 'cal_view', loc: LOC.matterCalendar, method: 'GET',
    path: '/matters/{mid}/calendar?view=month&date={evday}', forge: { mid: F } }),
  firm({ name: 'event form, new', prog: 'cal_edit', loc: LOC.calEdit, method: 'GET',
    path: '/calendar/edit?matter={mid}&date={evday}', forge: { mid: F } }),
  firm({ name: 'event form, edit', prog: 'cal_edit', loc: LOC.calEdit, method: 'GET',
    path: '/calendar/edit?id={event}', forge: { event: F } }),
  firm({ name: 'event form, this date', prog: 'cal_edit', loc: LOC.calEdit, method: 'GET',
    path: '/calendar/edit?id={evrec}&date={evday}', forge: { evrec: F } }),
  firm({ name: 'event delete (confirmation)', prog: 'cal_edit', loc: LOC.calEdit, method: 'GET',
    path: '/calendar/edit?op=delete&id={event}', forge: { event: F } }),
  firm({ name: 'event date cancel (confirmation)', prog: 'cal_edit', loc: LOC.calEdit, method: 'GET',
    path: '/calendar/edit?op=cancel&id={evrec}&date={evday}', forge: { evrec: F } }),
  firm({ name: 'my calendar feed', prog: 'cal_settings', loc: LOC.calSettings, method: 'GET',
    path: '/calendar/settings?notice=revoked', myacct: true }),
  // Intake forms: the firm's forms are the firm's (another firm's id is
  // no form), a matter's Forms tab and submissions are the matter's.
  firm({ name: 'forms list', prog: 'forms_list', loc: LOC.forms, method: 'GET',
    path: '/forms?q=&page=1&notice=deleted', own: true }),
  firm({ name: 'form builder, new', prog: 'form_edit', loc: LOC.formEdit, method: 'GET', path: '/forms/new',
    own: true, notag: true }),
  firm({ name: 'form builder', prog: 'form_edit', loc: LOC.formEdit, method: 'GET',
    path: '/forms/{fopen}?field={ofield}&notice=added', forge: { fopen: F } }),
  firm({ name: 'form builder, frozen', prog: 'form_edit', loc: LOC.formEdit, method: 'GET',
    path: '/forms/{form}', forge: { form: F } }),
  firm({ name: 'form delete (confirmation)', prog: 'form_edit', loc: LOC.formEdit, method: 'GET',
    path: '/forms/{fdel}?op=delete', forge: { fdel: F } }),
  firm({ name: 'matter forms', prog: 'matter_forms', loc: LOC.matterForms, method: 'GET',
    path: '/matters/{mid}/forms?page=1&notice=shared', forge: { mid: F } }),
  firm({ name: 'matter forms, stop sharing (confirmation)', prog: 'matter_forms', loc: LOC.matterForms,
    method: 'GET', path: '/matters/{mid}/forms?op=unshare&request={creq}', forge: { mid: F, creq: FM } }),
  firm({ name: 'form submission', prog: 'form_submission', loc: LOC.submission, method: 'GET',
    path: '/matters/{mid}/forms/submissions/{freq}', forge: { mid: F, freq: FM } }),
  firm({ name: 'form submission CSV', prog: 'form_submission', loc: LOC.submission, method: 'GET',
    path: '/matters/{mid}/forms/submissions/{freq}.csv', forge: { mid: F, freq: FM } }),
  firm({ name: 'form submission PDF', prog: 'form_submission', loc: LOC.submission, method: 'GET',
    path: '/matters/{mid}/forms/submissions/{freq}.pdf', notag: true, forge: { mid: F, freq: FM } }),
  firm({ name: 'form submission, a form not yet sent', prog: 'form_submission', loc: LOC.submission,
    method: 'GET', path: '/matters/{mid}/forms/submissions/{creq}', ok: [404], forge: { mid: F, creq: FM } }),
  firm({ name: 'my account', prog: 'account_show', loc: LOC.account, method: 'GET',
    path: '/account?notice=password_changed&page=0', myacct: true }),
  firm({ name: 'my account, enrolment', prog: 'account_show', loc: LOC.account, method: 'GET',
    path: '/account?view=enrol', myacct: true }),
  firm({ name: 'sign-in security (admins)', prog: 'settings_security', loc: LOC.security, method: 'GET',
    path: '/settings/security?notice=required_on&page=0', myacct: true, admin: true }),
  firm({ name: 'firm sign-out page', prog: 'auth_logout', loc: LOC.logout, method: 'GET', path: '/logout', self: true }),
  firm({ name: 'firm sign-out', prog: 'auth_logout', loc: LOC.logout, method: 'POST', path: '/logout', body: {}, self: true }),

  // Bills and funds requests (firm side).  {bill} is shared with the
  // portal, {ubill} never was; a filter of the Billing list names the
  // firm's own contact and matter or is refused.
  firm({ name: 'billing list', prog: 'billing_list', loc: LOC.billing, method: 'GET',
    path: '/billing?tab=unpaid&page=1&notice=sent', own: true, notag: true }),
  firm({ name: 'billing list, filtered', prog: 'billing_list', loc: LOC.billing, method: 'GET',
    path: '/billing?tab=unpaid&contact={contact}&matter={mid}&from=2000-01-01&to=2999-12-31',
    forge: { contact: F, mid: F } }),
  firm({ name: 'matter bills', prog: 'bills_matter', loc: LOC.matterBills, method: 'GET',
    path: '/matters/{mid}/bills?page=1', forge: { mid: F } }),
  firm({ name: 'new bill form', prog: 'bill_new', loc: LOC.billNew, method: 'GET',
    path: '/matters/{mid}/bills/new', forge: { mid: F } }),
  firm({ name: 'new multi-matter bill form', prog: 'bill_new', loc: LOC.billNew, method: 'GET',
    path: '/contacts/{contact}/bills/new', forge: { contact: F } }),
  firm({ name: 'funds request form', prog: 'funds_new', loc: LOC.fundsNew, method: 'GET',
    path: '/matters/{mid}/funds/new', forge: { mid: F } }),
  firm({ name: 'client-level funds request form', prog: 'funds_new', loc: LOC.fundsNew, method: 'GET',
    path: '/contacts/{contact}/funds/new', forge: { contact: F } }),
  firm({ name: 'bill page', prog: 'bill_show', loc: LOC.bill, method: 'GET',
    path: '/bills/{bill}?notice=created', forge: { bill: F } }),
  firm({ name: 'bill void (confirmation)', prog: 'bill_show', loc: LOC.bill, method: 'GET', op: 'void',
    path: '/bills/{bill}?op=void', forge: { bill: F } }),
  firm({ name: 'bill unshare (confirmation)', prog: 'bill_show', loc: LOC.bill, method: 'GET', op: 'unshare',
    path: '/bills/{bill}?op=unshare', forge: { bill: F } }),
  firm({ name: 'bill PDF', prog: 'bill_show', loc: LOC.bill, method: 'GET',
    path: '/bills/{bill}.pdf', notag: true, forge: { bill: F } }),
  firm({ name: 'bill send form', prog: 'bill_send', loc: LOC.billSend, method: 'GET',
    path: '/bills/{bill}/send', forge: { bill: F } }),
  firm({ name: 'envelopes to review', prog: 'envelopes', loc: LOC.envelopes, method: 'GET',
    path: '/envelopes?notice=prepared', own: true, notag: true }),
  firm({ name: 'envelope page', prog: 'envelope_edit', loc: LOC.envelope, method: 'GET',
    path: '/envelopes/{envelope}', forge: { envelope: F } }),

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
  client({ name: 'client matter, earlier messages', prog: 'client_home', loc: LOC.clientHome, method: 'GET',
    path: '/portal/matters/{mid}?before=253402300799999999-1', needs: 'messages', forge: { mid: FM } }),
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
  client({ name: 'client tasks', prog: 'client_tasks', loc: LOC.clientTasks, method: 'GET',
    path: '/portal/matters/{mid}/tasks?page=1&notice=done', needs: 'tasks', forge: { mid: FM } }),
  client({ name: 'client notes', prog: 'client_notes', loc: LOC.clientNotes, method: 'GET',
    path: '/portal/matters/{mid}/notes?page=1', needs: 'notes', forge: { mid: FM } }),
  client({ name: 'client note', prog: 'client_notes', loc: LOC.clientNotes, method: 'GET',
    path: '/portal/matters/{mid}/notes/{note}', needs: 'notes', forge: { mid: FM, note: FM } }),
  client({ name: 'client note (never shared)', prog: 'client_notes', loc: LOC.clientNotes, method: 'GET',
    path: '/portal/matters/{mid}/notes/{pnote}', never: true }),
  client({ name: 'client note (sharing stopped)', prog: 'client_notes', loc: LOC.clientNotes, method: 'GET',
    path: '/portal/matters/{mid}/notes/{rnote}', never: true }),
  client({ name: 'client task (never shared) done', prog: 'client_tasks', loc: LOC.clientTasks, method: 'POST',
    op: 'done', path: '/portal/matters/{mid}/tasks', body: { op: 'done', id: '{ptask}' }, never: true, ok: [404] }),
  client({ name: 'client calendar', prog: 'client_calendar', loc: LOC.clientCalendar, method: 'GET',
    path: '/portal/matters/{mid}/calendar?page=1', needs: 'calendar', forge: { mid: FM } }),
  client({ name: 'client event .ics', prog: 'client_event', loc: LOC.clientEvent, method: 'GET',
    path: '/portal/events/{event}.ics', needs: 'calendar', forge: { event: FM } }),
  client({ name: 'client weekly event .ics', prog: 'client_event', loc: LOC.clientEvent, method: 'GET',
    path: '/portal/events/{evrec}.ics', needs: 'calendar', forge: { evrec: FM } }),
  client({ name: 'client event .ics (never shared)', prog: 'client_event', loc: LOC.clientEvent, method: 'GET',
    path: '/portal/events/{evpriv}.ics', never: true }),
  client({ name: 'client forms', prog: 'client_forms', loc: LOC.clientForms, method: 'GET',
    path: '/portal/matters/{mid}/forms?page=1&notice=submitted', forge: { mid: FM } }),
  client({ name: 'client form', prog: 'client_form', loc: LOC.clientForm, method: 'GET',
    path: '/portal/matters/{mid}/forms/{creq}?notice=saved', forge: { mid: FM, creq: FM } }),
  client({ name: 'client form, sent', prog: 'client_form', loc: LOC.clientForm, method: 'GET',
    path: '/portal/matters/{mid}/forms/{freq}', forge: { mid: FM, freq: FM } }),
  client({ name: 'client bills tab', prog: 'client_bills', loc: LOC.clientBills, method: 'GET',
    path: '/portal/matters/{mid}/bills?page=1', needs: 'bills', forge: { mid: FM } }),
  client({ name: 'client bill', prog: 'client_bill', loc: LOC.clientBill, method: 'GET',
    path: '/portal/bills/{bill}', needs: 'bills', forge: { bill: FM } }),
  client({ name: 'client bill PDF', prog: 'client_bill', loc: LOC.clientBill, method: 'GET',
    path: '/portal/bills/{bill}.pdf', needs: 'bills', notag: true, forge: { bill: FM } }),
  client({ name: 'client bill (never shared)', prog: 'client_bill', loc: LOC.clientBill, method: 'GET',
    path: '/portal/bills/{ubill}', never: true }),
  client({ name: 'client bill PDF (never shared)', prog: 'client_bill', loc: LOC.clientBill, method: 'GET',
    path: '/portal/bills/{ubill}.pdf', never: true }),
  client({ name: 'client my account', prog: 'client_account', loc: LOC.clientAccount, method: 'GET',
    path: '/portal/account?notice=password_changed&page=0', myacct: true }),
  client({ name: 'client my account, enrolment', prog: 'client_account', loc: LOC.clientAccount, method: 'GET',
    path: '/portal/account?view=enrol', myacct: true }),
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
  client({ name: 'client task done', prog: 'client_tasks', loc: LOC.clientTasks, method: 'POST', op: 'done',
    path: '/portal/matters/{mid}/tasks', body: { op: 'done', id: '{task}' }, needs: 'tasks', forge: { mid: FM, task: FM } }),
  // The firm does not let clients mark this one done: refused, even to the rightful client.
  client({ name: 'client task done (not allowed on it)', prog: 'client_tasks', loc: LOC.clientTasks, method: 'POST',
    op: 'done', path: '/portal/matters/{mid}/tasks', body: { op: 'done', id: '{ltask}' }, never: true, ok: [403] }),
  client({ name: 'client form save', prog: 'client_form', loc: LOC.clientForm, method: 'POST', op: 'save',
    path: '/portal/matters/{mid}/forms/{creq}', body: { op: 'save' }, forge: { mid: FM, creq: FM } }),
  client({ name: 'client form save with upload', prog: 'client_form', loc: LOC.clientForm, method: 'POST',
    op: 'save', path: '/portal/matters/{mid}/forms/{creq}', body: { op: 'save' },
    files: [['intruder-form.txt', 'bytes an intruder left']], forge: { mid: FM, creq: FM } }),
  client({ name: 'client form submit', prog: 'client_form', loc: LOC.clientForm, method: 'POST', op: 'submit',
    path: '/portal/matters/{mid}/forms/{creq}', body: { op: 'submit' }, forge: { mid: FM, creq: FM } }),
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
  portalPost('permissions', { op: 'permissions', perm_messages: '1', perm_documents: '1', perm_bills: '1',
    perm_calendar: '1', perm_tasks: '1', perm_notes: '1', perm_forms: '1' }),
  portalPost('set_email', { op: 'set_email', contact: '{contact}', email: '{email}' }, { 'contact+email': F }),
  portalPost('add_participant', { op: 'add_participant', contact: '{other}' }, { other: F }),
  portalPost('unshare', { op: 'unshare', share: '{share}' }, { share: FM }),
  portalPost('delete_message', { op: 'delete_message', message: '{message}' }, { message: FM }),
  portalPost('remove_participant', { op: 'remove_participant', contact: '{contact}' }, { contact: FM }),

  // The calendar: an event added (weekly, attendees, shared), changed
  // (all day, until a date), a date moved, another cancelled, one deleted.
  firm({ name: 'event add', prog: 'cal_edit', loc: LOC.calEdit, method: 'POST', op: 'save', path: '/calendar/edit',
    body: { op: 'save', matter: '{mid}', title: '{tag} added event', location: 'Room 2', description: 'Notes',
      start_date: '2026-07-01', start_time: '09:00', end_date: '2026-07-01', end_time: '10:00', freq: 'weekly',
      interval: '1', day0: '1', day1: '1', day2: '1', day3: '1', day4: '1', day5: '1', day6: '1', ends: 'count',
      count: '3', user: '{user}', contact: '{contact}', share: '1' },
    forge: { mid: F, user: F, contact: F } }),
  firm({ name: 'event edit', prog: 'cal_edit', loc: LOC.calEdit, method: 'POST', op: 'save', path: '/calendar/edit',
    body: { op: 'save', id: '{event}', title: '{tag} shared event', all_day: '1', start_date: '{evday}',
      end_date: '{evday}', freq: 'daily', interval: '2', ends: 'until', until: '2026-06-20', contact: '{contact}',
      share: '1' }, forge: { event: F, contact: F } }),
  firm({ name: 'event date move', prog: 'cal_edit', loc: LOC.calEdit, method: 'POST', op: 'move', path: '/calendar/edit',
    body: { op: 'move', id: '{evrec}', date: '{evday}', start_date: '{evday}', start_time: '14:00', end_date: '{evday}',
      end_time: '15:00' }, forge: { evrec: F } }),
  firm({ name: 'event date cancel', prog: 'cal_edit', loc: LOC.calEdit, method: 'POST', op: 'cancel', path: '/calendar/edit',
    body: { op: 'cancel', id: '{evrec}', date: '2026-06-09' }, forge: { evrec: F } }),
  firm({ name: 'event delete', prog: 'cal_edit', loc: LOC.calEdit, method: 'POST', op: 'delete', path: '/calendar/edit',
    body: { op: 'delete', id: '{evdel}' }, forge: { evdel: F } }),
  firm({ name: 'my calendar feed new', prog: 'cal_settings', loc: LOC.calSettings, method: 'POST', op: 'new',
    path: '/calendar/settings', body: { op: 'new' }, myacct: true, ok: [200] }),
  firm({ name: 'my calendar feed revoke', prog: 'cal_settings', loc: LOC.calSettings, method: 'POST', op: 'revoke',
    path: '/calendar/settings', body: { op: 'revoke' }, myacct: true }),

  // Contacts, matters and activities (before the documents' changes: an
  // expense's receipt is the private document, deleted there).
  ...[['add_email', { email: '{tag}-added@access.test' }, { contact: F }],
    ['change_email', { id: '{eid}', email: '{email}' }, { contact: F, eid: FM }],
    ['primary_email', { id: '{eid}' }, { contact: F, eid: FM }],
    ['up', { id: '{second}' }, { contact: F, second: FM }],
    ['down', { id: '{second}' }, { contact: F, second: FM }],
    ['remove_email', { id: '{second}' }, { contact: F, second: FM }],
    ['login', { email: '{email}' }, { 'contact+email': F }],
    ['archive', {}, { contact: F }],
    ['unarchive', {}, { contact: F }],
  ].map(([op, body, forge]) => firm({ name: `contact ${op}`, prog: 'contact_show', loc: LOC.contact, method: 'POST', op,
    path: '/contacts/{contact}', body: { op, ...body }, forge })),
  firm({ name: 'new contact', prog: 'contact_edit', loc: LOC.contactNew, method: 'POST', path: '/contacts/new',
    body: { kind: 'company', name: '{tag} new contact', emails: '{tag}-new@access.test', phones: '+1 555 0100',
      address: '1 Main Street' }, mine: true }),
  firm({ name: 'contact edit', prog: 'contact_edit', loc: LOC.contactEdit, method: 'POST', path: '/contacts/{contact}/edit',
    body: { kind: 'person', name: '{tag} edited contact', phones: '+1 555 0101', address: '2 Main Street',
      dob: '1980-04-30' },
    forge: { contact: F } }),
  firm({ name: 'new matter', prog: 'matter_edit', loc: LOC.matterNew, method: 'POST', path: '/matters/new',
    body: { op: 'save', number: '', description: '{tag} new matter', client: '{contact}', responsible: '{user}',
      opened: '2026-01-02' }, mine: true, forge: { contact: F, user: F } }),
  firm({ name: 'matter edit', prog: 'matter_edit', loc: LOC.matterEdit, method: 'POST', op: 'save', path: '/matters/{mid}/edit',
    body: { op: 'save', number: '{number}', description: '{tag} edited matter', client: '{contact}', responsible: '{user}',
      opened: '2026-01-02', closed: '2026-01-03' }, forge: { mid: F, contact: F, user: F } }),
  ...['close', 'reopen'].map((op) => firm({ name: `matter ${op}`, prog: 'matter_edit', loc: LOC.matterEdit, method: 'POST',
    op, path: '/matters/{mid}/edit', body: { op }, forge: { mid: F } })),
  firm({ name: 'matter numbers (admin) POST', prog: 'settings_matters', loc: LOC.settingsMatters, method: 'POST',
    path: '/settings/matters', body: { pattern: '{YYYY}-{NNNN}', next: '900' }, admin: true, mine: true }),
  firm({ name: 'category add (admin)', prog: 'settings_categories', loc: LOC.settingsCategories, method: 'POST', op: 'add',
    path: '/settings/categories', body: { op: 'add', name: '{tag} added category' }, admin: true, mine: true }),
  firm({ name: 'category rename (admin)', prog: 'settings_categories', loc: LOC.settingsCategories, method: 'POST',
    op: 'rename', path: '/settings/categories', body: { op: 'rename', id: '{category}', name: '{tag} renamed category' },
    admin: true, forge: { category: F } }),
  firm({ name: 'category delete (admin)', prog: 'settings_categories', loc: LOC.settingsCategories, method: 'POST',
    op: 'delete', path: '/settings/categories', body: { op: 'delete', id: '{spare}' }, admin: true,
    forge: { spare: F } }),
  firm({ name: 'matter field add (admin)', prog: 'settings_fields', loc: LOC.settingsFields, method: 'POST', op: 'add',
    path: '/settings/fields', body: { op: 'add', label: '{tag} added field' }, admin: true, mine: true }),
  firm({ name: 'matter field rename (admin)', prog: 'settings_fields', loc: LOC.settingsFields, method: 'POST',
    op: 'rename', path: '/settings/fields', body: { op: 'rename', id: '{mfield}', label: '{tag} renamed field' },
    admin: true, forge: { mfield: F } }),
  ...['up', 'down', 'archive', 'restore'].map((op) => firm({ name: `matter field ${op} (admin)`, prog: 'settings_fields',
    loc: LOC.settingsFields, method: 'POST', op, path: '/settings/fields', body: { op, id: '{mfield}' }, admin: true,
    forge: { mfield: F } })),
  firm({ name: 'activity add time', prog: 'activity_edit', loc: LOC.activityEdit, method: 'POST', op: 'save',
    path: '/matters/{mid}/activities/edit', body: { op: 'save', kind: 'time', date: '2026-06-02', user: '{user}',
      duration: '1:15', rate: '200.00', description: '{tag} added time', category: '{category}' },
    forge: { mid: F, user: F, category: F } }),
  firm({ name: 'activity add expense', prog: 'activity_edit', loc: LOC.activityEdit, method: 'POST', op: 'save',
    path: '/matters/{mid}/activities/edit', body: { op: 'save', kind: 'expense', date: '2026-06-02', amount: '12.50',
      description: '{tag} added expense', category: '{category}', document: '{priv}' },
    forge: { mid: F, category: F, priv: FM } }),
  firm({ name: 'activity edit', prog: 'activity_edit', loc: LOC.activityEdit, method: 'POST', op: 'save',
    path: '/matters/{mid}/activities/edit', body: { op: 'save', id: '{act}', kind: 'time', date: '2026-06-03',
      user: '{user}', duration: '30', rate: '100', description: '{tag} edited time', category: '0' },
    forge: { mid: F, act: FM } }),
  firm({ name: 'activity delete', prog: 'activity_edit', loc: LOC.activityEdit, method: 'POST', op: 'delete',
    path: '/matters/{mid}/activities/edit', body: { op: 'delete', id: '{exp}' }, forge: { mid: F, exp: FM } }),

  // Tasks and notes: made, changed, marked, deleted (delete last).
  firm({ name: 'task add', prog: 'task_edit', loc: LOC.taskEdit, method: 'POST', op: 'save',
    path: '/matters/{mid}/tasks/edit', body: { op: 'save', title: '{tag} added task', description: 'by the form',
      due: '2026-06-02', assignee: '{user}', priority: 'high', share: '1', client_done: '1' },
    forge: { mid: F, user: F } }),
  firm({ name: 'task edit', prog: 'task_edit', loc: LOC.taskEdit, method: 'POST', op: 'save',
    path: '/matters/{mid}/tasks/edit', body: { op: 'save', id: '{task}', title: '{tag} edited task', description: '',
      due: '', assignee: '0', priority: 'low', share: '1' }, forge: { mid: F, task: FM } }),
  ...['done', 'undone'].map((op) => firm({ name: `task ${op}`, prog: 'task_edit', loc: LOC.taskEdit, method: 'POST',
    op, path: '/matters/{mid}/tasks/edit', body: { op, id: '{task}' }, forge: { mid: F, task: FM } })),
  firm({ name: 'task delete', prog: 'task_edit', loc: LOC.taskEdit, method: 'POST', op: 'delete',
    path: '/matters/{mid}/tasks/edit', body: { op: 'delete', id: '{task}' }, forge: { mid: F, task: FM } }),
  firm({ name: 'note add', prog: 'note_edit', loc: LOC.noteEdit, method: 'POST', op: 'save',
    path: '/matters/{mid}/notes/edit', body: { op: 'save', subject: '{tag} added note', body: 'line one\nline two',
      date: '2026-06-02', share: '1' }, forge: { mid: F } }),
  firm({ name: 'note edit', prog: 'note_edit', loc: LOC.noteEdit, method: 'POST', op: 'save',
    path: '/matters/{mid}/notes/edit', body: { op: 'save', id: '{note}', subject: '{tag} edited note', body: 'edited',
      date: '2026-06-03' }, forge: { mid: F, note: FM } }),
  firm({ name: 'note delete', prog: 'note_edit', loc: LOC.noteEdit, method: 'POST', op: 'delete',
    path: '/matters/{mid}/notes/edit', body: { op: 'delete', id: '{note}' }, forge: { mid: F, note: FM } }),
  // Intake forms (the open form's fields changed before it is deleted).
  firm({ name: 'form create', prog: 'form_edit', loc: LOC.formEdit, method: 'POST', op: 'create', path: '/forms/new',
    body: { op: 'create', name: '{tag} new form' }, mine: true }),
  firm({ name: 'form rename', prog: 'form_edit', loc: LOC.formEdit, method: 'POST', op: 'rename',
    path: '/forms/{form}', body: { op: 'rename', name: '{tag} intake form renamed' }, forge: { form: F } }),
  firm({ name: 'form field order', prog: 'form_edit', loc: LOC.formEdit, method: 'POST', op: 'order',
    path: '/forms/{fopen}', body: { op: 'order', order: '{ofield},{ofieldb}' },
    forge: { fopen: F, 'ofield+ofieldb': FM } }),
  firm({ name: 'form field add', prog: 'form_edit', loc: LOC.formEdit, method: 'POST', op: 'field',
    path: '/forms/{fopen}', body: { op: 'field', kind: 'choice', label: '{tag} added', help: 'help',
      options: 'A\nB', required: '1', maps_to: '' }, forge: { fopen: F } }),
  firm({ name: 'form field change', prog: 'form_edit', loc: LOC.formEdit, method: 'POST', op: 'field',
    path: '/forms/{fopen}', body: { op: 'field', field: '{ofield}', kind: 'text', label: '{tag} changed',
      help: '', options: '', maps_to: 'contact_name' }, forge: { fopen: F, ofield: FM } }),
  firm({ name: 'form field up', prog: 'form_edit', loc: LOC.formEdit, method: 'POST', op: 'up',
    path: '/forms/{fopen}', body: { op: 'up', field: '{ofieldb}' }, forge: { fopen: F, ofieldb: FM } }),
  firm({ name: 'form field down', prog: 'form_edit', loc: LOC.formEdit, method: 'POST', op: 'down',
    path: '/forms/{fopen}', body: { op: 'down', field: '{ofieldb}' }, forge: { fopen: F, ofieldb: FM } }),
  firm({ name: 'form field remove', prog: 'form_edit', loc: LOC.formEdit, method: 'POST', op: 'field_delete',
    path: '/forms/{fopen}', body: { op: 'field_delete', field: '{ofieldb}' }, forge: { fopen: F, ofieldb: FM } }),
  firm({ name: 'form copy', prog: 'form_edit', loc: LOC.formEdit, method: 'POST', op: 'copy',
    path: '/forms/{form}', body: { op: 'copy' }, forge: { form: F } }),
  firm({ name: 'form delete', prog: 'form_edit', loc: LOC.formEdit, method: 'POST', op: 'delete',
    path: '/forms/{fdel}', body: { op: 'delete' }, forge: { fdel: F } }),
  firm({ name: 'form share', prog: 'matter_forms', loc: LOC.matterForms, method: 'POST', op: 'share',
    path: '/matters/{mid}/forms', body: { op: 'share', form: '{form}' }, forge: { mid: F, form: F } }),
  firm({ name: 'form stop sharing', prog: 'matter_forms', loc: LOC.matterForms, method: 'POST', op: 'unshare',
    path: '/matters/{mid}/forms', body: { op: 'unshare', request: '{creq}' }, forge: { mid: F, creq: FM } }),
  firm({ name: 'form share again', prog: 'matter_forms', loc: LOC.matterForms, method: 'POST', op: 'reshare',
    path: '/matters/{mid}/forms', body: { op: 'reshare', request: '{creq}' }, forge: { mid: F, creq: FM } }),
  // Bills: made, sent, finalised, unshared, voided, in bulk and in envelopes.
  firm({ name: 'new bill', prog: 'bill_new', loc: LOC.billNew, method: 'POST',
    path: '/matters/{mid}/bills/new', body: { id: '{bact}', due: '2026-12-31', memo: '{tag} memo' },
    forge: { mid: F, bact: FM } }),
  firm({ name: 'new multi-matter bill', prog: 'bill_new', loc: LOC.billNew, method: 'POST',
    path: '/contacts/{contact}/bills/new', body: { id: '{bactb}', due: '', memo: '' },
    forge: { contact: F, bactb: FM } }),
  firm({ name: 'new funds request', prog: 'funds_new', loc: LOC.fundsNew, method: 'POST',
    path: '/matters/{mid}/funds/new', body: { amount: '10.00', due: '', memo: '{tag} retainer' }, forge: { mid: F } }),
  firm({ name: 'new client-level funds request', prog: 'funds_new', loc: LOC.fundsNew, method: 'POST',
    path: '/contacts/{contact}/funds/new', body: { amount: '20.00', due: '2026-12-31', memo: '' },
    forge: { contact: F } }),
  firm({ name: 'bill finalise', prog: 'bill_show', loc: LOC.bill, method: 'POST', op: 'finalise',
    path: '/bills/{dbill}', body: { op: 'finalise' }, forge: { dbill: F } }),
  firm({ name: 'bill send', prog: 'bill_send', loc: LOC.billSend, method: 'POST',
    path: '/bills/{sbill}/send', body: { op: 'send', portal: '1', email: '1', confirm: '1', message: '{tag} message' },
    forge: { sbill: F } }),
  firm({ name: 'bills sent in bulk', prog: 'billing_send', loc: LOC.billingSend, method: 'POST', ok: [200],
    path: '/billing/send', body: { id: '{sbill}', portal: '1', email: '1', message: '{tag} bulk' },
    forge: { sbill: F } }),
  firm({ name: 'envelopes prepared', prog: 'envelopes', loc: LOC.envelopes, method: 'POST', op: 'prepare',
    path: '/envelopes', body: { op: 'prepare', id: '{sbill}' }, forge: { sbill: F } }),
  firm({ name: 'envelopes all sent', prog: 'envelopes', loc: LOC.envelopes, method: 'POST', op: 'send_all',
    path: '/envelopes', body: { op: 'send_all', subject: '{tag} subject', body: '{tag} body' }, mine: true }),
  firm({ name: 'envelope reviewed', prog: 'envelope_edit', loc: LOC.envelope, method: 'POST', op: 'continue', ok: [200],
    path: '/envelopes/{envelope}', body: { op: 'continue', to: '{email}', subject: '{tag} one', body: '{tag} text' },
    forge: { envelope: F } }),
  firm({ name: 'envelope sent', prog: 'envelope_edit', loc: LOC.envelope, method: 'POST', op: 'send',
    path: '/envelopes/{envelope}', body: { op: 'send' }, forge: { envelope: F } }),
  firm({ name: 'bill unshare', prog: 'bill_show', loc: LOC.bill, method: 'POST', op: 'unshare',
    path: '/bills/{bill}', body: { op: 'unshare' }, forge: { bill: F } }),
  firm({ name: 'bill void', prog: 'bill_show', loc: LOC.bill, method: 'POST', op: 'void',
    path: '/bills/{vbill}', body: { op: 'void' }, forge: { vbill: F } }),

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
        path: '/account', body: { op, ...body }, myacct: true }),
      client({ name: `client my account ${op}`, prog: 'client_account', loc: LOC.clientAccount, method: 'POST', op,
        path: '/portal/account', body: { op, ...body }, myacct: true }),
    ]),
  firm({ name: 'my account end_session', prog: 'account_show', loc: LOC.account, method: 'POST', op: 'end_session',
    path: '/account', body: { op: 'end_session', session: '{fsess}' }, myacct: true, forge: { fsess: F } }),
  client({ name: 'client my account end_session', prog: 'client_account', loc: LOC.clientAccount, method: 'POST',
    op: 'end_session', path: '/portal/account', body: { op: 'end_session', session: '{csess}' }, myacct: true,
    forge: { csess: FM } }),
  firm({ name: 'sign-in security: require two-factor sign-in', prog: 'settings_security', loc: LOC.security,
    method: 'POST', path: '/settings/security', body: { require: '1' }, myacct: true, admin: true }),

  firm({ name: 'contact login email', prog: 'contact_show', loc: LOC.contact, method: 'POST',
    path: '/contacts/{contact}', body: { email: '{email}' }, forge: { 'contact+email': F } }),

  // ---- admin actions: a member gets 403, nothing changes ----
  // Saved as the demo firm has them: the rightful admin's save changes nothing.
  firm({ name: 'billing setting (combine envelopes)', prog: 'settings_billing', loc: LOC.settingsBilling,
    method: 'POST', path: '/settings/billing', body: { combine: '0' }, admin: true, mine: true }),
  firm({ name: 'settings save', prog: 'settings', loc: LOC.settings, method: 'POST', path: '/settings',
    body: { name: 'Demo Law LLP', slug: '{slug}', slug_ok: '1', zone: 'UTC', currency: 'USD', window: '', preview: '0' },
    admin: true, mine: true }),
  // A file that is no image: refused (back to the settings page), nothing stored.
  firm({ name: 'logo upload (not an image)', prog: 'settings_logo', loc: LOC.settingsLogo, method: 'POST', op: 'upload',
    path: '/settings/logo', body: { op: 'upload' }, files: [['intruder-logo.png', 'not an image at all']],
    admin: true, mine: true }),
  firm({ name: 'logo remove', prog: 'settings_logo', loc: LOC.settingsLogo, method: 'POST', op: 'remove', path: '/settings/logo',
    body: { op: 'remove' }, admin: true, mine: true }),
  firm({ name: 'invite a colleague', prog: 'users_invite', loc: LOC.usersInvite, method: 'POST', path: '/users/invite',
    body: { email: '{invitee}', role: 'admin' }, admin: true, mine: true }),
  ...['admin', 'member', 'deactivate', 'reactivate'].map((op) => firm({
    name: `users_action ${op}`, prog: 'users_action', loc: LOC.usersAction, method: 'POST', op,
    path: '/users/action', body: { op, user: '{staff}' }, admin: true, forge: { staff: F } })),
  // ---- payments: the provider's settings (admins), offline money and a
  // payment's refund (any firm user, of the firm's own bills: a bill or
  // payment id of another firm is refused), the portal's Pay bill (only a
  // bill shared with the client), the public pay link (a dead token: the
  // live ones are pay.test.mjs's) and the provider's webhook (signed, not
  // a form: refused as such) ----
  firm({ name: 'payment settings page', prog: 'settings_payments', loc: LOC.settingsPayments, method: 'GET',
    path: '/settings/payments?notice=saved', admin: true, notag: true, mine: true }),
  firm({ name: 'payment settings save', prog: 'settings_payments', loc: LOC.settingsPayments, method: 'POST',
    path: '/settings/payments', body: { label: '{tag} account', secret_key: 'sk_test_accessmatrix0001',
      webhook_secret: 'whsec_accessmatrix0001', enabled: '' }, admin: true, mine: true }),
  firm({ name: 'record payment page', prog: 'payment_record', loc: LOC.paymentRecord, method: 'GET',
    path: '/bills/{pbill}/payments/new', forge: { pbill: F } }),
  firm({ name: 'record payment', prog: 'payment_record', loc: LOC.paymentRecord, method: 'POST',
    path: '/bills/{pbill}/payments/new', body: { amount: '1.00', date: '2026-06-01', method: 'check',
      reference: '{tag} matrix check' }, forge: { pbill: F } }),
  firm({ name: 'payment page', prog: 'payment_show', loc: LOC.payment, method: 'GET',
    path: '/payments/{payment}?notice=recorded', forge: { payment: F } }),
  firm({ name: 'payment refund', prog: 'payment_show', loc: LOC.payment, method: 'POST',
    path: '/payments/{payment}', body: { amount: '0.01', reason: '{tag} matrix refund' }, forge: { payment: F } }),
  client({ name: 'client pay bill page', prog: 'client_pay', loc: LOC.clientPay, method: 'GET',
    path: '/portal/bills/{pbill}/pay?done=1', forge: { pbill: FM } }),
  // Walt's rightful post gets the page that goes to the provider's when
  // the demo firm's provider answers, else the form saying why (200, 400).
  client({ name: 'client pay bill', prog: 'client_pay', loc: LOC.clientPay, method: 'POST',
    path: '/portal/bills/{pbill}/pay', body: { amount: '1.00' }, forge: { pbill: FM }, ok: [200, 400] }),
  pub({ name: 'pay link page (dead token)', prog: 'pay_link', loc: LOC.payLink, method: 'GET',
    path: '/pay/{badtoken}?done=0', pub: [404] }),
  pub({ name: 'pay link POST (dead token)', prog: 'pay_link', loc: LOC.payLink, method: 'POST',
    path: '/pay/{badtoken}', body: { amount: '1.00', group: 'operating' }, form: '/login', pub: [403, 404] }),
  pub({ name: 'provider webhook (a form, unsigned)', prog: 'webhook_stripe', loc: LOC.webhook, method: 'POST',
    path: '/webhooks/stripe', body: { id: 'evt_matrix' }, form: '/login', pub: [400] }),
  // ---- admin pages: a member is refused (403); another firm's admin sees
  // its own firm's log, without a byte of the victim's.  Last of the GETs,
  // so the rightful admin's log holds the client downloads just made. ----
  firm({ name: 'audit log', prog: 'audit_list', loc: LOC.audit, method: 'GET',
    path: '/audit?user=&matter=&from=&to=&before=', own: true, admin: true }),
  firm({ name: 'audit log CSV', prog: 'audit_list', loc: LOC.audit, method: 'GET',
    path: '/audit.csv?user=&matter=&from=2000-01-01&to=2999-12-31', own: true, admin: true }),
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
