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
//   check   (FORM_RESULTS) check boxes ticked, by label, before the button
//   status  the HTTP status of the page the actor ends on (default 200;
//           a redirect is followed, as the browser does)
//   lands   the path the actor ends on, when a redirect takes it elsewhere
//   note    what the sample shows, for the report
import fs from 'node:fs';
import path from 'node:path';

export const PAGES = {
  '= /settings/payments': [{ as: 'admin', url: '/settings/payments?notice=saved', note: 'payment provider' }],
  '~ ^/bills/[0-9]+/payments/new$': [{ as: 'firm', url: '/bills/{payBill}/payments/new', note: 'record payment' }],
  '~ ^/payments/[0-9]+$': [{ as: 'firm', url: '/payments/{payment}?notice=recorded', note: 'a payment, its refund form' }],
  '~ ^/pay/[A-Za-z0-9_-]+$': [
    { as: 'public', url: '/pay/{payToken}', note: 'a live pay link' },
    { as: 'public', url: '/pay/{payToken}?done=1', note: 'back from the provider: processing' },
    { as: 'public', url: '/pay/{deadToken}', status: 404, note: 'a dead pay link' },
  ],
  '~ ^/portal/bills/[0-9]+/pay$': [{ as: 'client', url: '/portal/bills/{payBill}/pay', note: "the portal's Pay bill" }],
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
    { as: 'firm', url: '/matters/{freshMid}', note: 'a fresh matter' },
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
    { as: 'firm', url: '/matters/{mid}/portal?events=1&before=253402300799999999-1', note: 'a page of earlier messages (Latest messages link)' },
    { as: 'firm', url: '/matters/{mid}/portal?view=shared', note: 'shared resources' },
    { as: 'firm', url: '/matters/{freshMid}/portal', note: 'not opened yet' },
    { as: 'firm', url: '/matters/{mid}/portal?find=a', note: 'contacts found to add' },
    { as: 'firm', url: '/matters/{mid}/portal?view=shared&find=nobody-by-this-name', note: 'no contact found to add' },
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
    { as: 'client', url: '/portal/matters/{mid}?before=253402300799999999-1', note: 'a page of earlier messages (Latest messages link)' },
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

  // Two-factor sign-in.  The code step with a pending sign-in is a form
  // result below (FORM_RESULTS); reached without one, it says to sign in again.
  '= /login/code': [{ as: 'public', url: '/login/code', status: 400, note: 'no pending sign-in' }],
  '= /portal/login/code': [{ as: 'public', url: '/portal/login/code', status: 400, note: 'no pending sign-in' }],
  '= /account': [
    { as: 'firm', url: '/account' },
    { as: 'firm', url: '/account?notice=password_changed', note: 'notice' },
  ],
  '= /portal/account': [
    { as: 'client', url: '/portal/account' },
    { as: 'client', url: '/portal/account?notice=session_ended', note: 'notice' },
  ],
  '= /settings/security': [
    { as: 'admin', url: '/settings/security?notice=required_off', note: 'notice' },
    { as: 'member', url: '/settings/security', status: 403, note: 'admins only' },
  ],

  // The first run: once a firm exists the page is gone.  The form itself,
  // on an empty install, is checked by the journey (journey.test.mjs).
  '= /setup': [{ as: 'public', url: '/setup', status: 404, note: 'a firm exists: gone' }],
  '= /join': [
    { as: 'public', url: '/join?token={joinToken}', note: "a colleague's live invitation" },
    { as: 'public', url: '/join?token={deadToken}', status: 400, note: 'a dead invitation' },
  ],
  // An image, not HTML: only its error page is a page.
  '~ ^/logos/[0-9]+$': [{ as: 'public', url: '/logos/999999999', status: 404, note: 'an image; its error page' }],

  // The firm's settings, users and audit log: admins only.
  '= /settings': [
    { as: 'admin', url: '/settings?notice=saved', note: 'notice' },
    { as: 'member', url: '/settings', status: 403, note: 'admins only' },
  ],
  '= /settings/matters': [
    { as: 'admin', url: '/settings/matters?notice=saved', note: 'notice' },
    { as: 'member', url: '/settings/matters', status: 403, note: 'admins only' },
  ],
  '= /settings/fields': [
    { as: 'admin', url: '/settings/fields?notice=archived', note: 'notice, live and archived fields' },
    { as: 'member', url: '/settings/fields', status: 403, note: 'admins only' },
  ],
  '= /settings/categories': [
    { as: 'admin', url: '/settings/categories?notice=added', note: 'notice' },
    { as: 'member', url: '/settings/categories', status: 403, note: 'admins only' },
  ],
  '= /users': [
    { as: 'admin', url: '/users?notice=invited', note: 'notice' },
    { as: 'admin', url: '/users?status=inactive&q=nobody', note: 'a filter that finds nobody' },
    { as: 'member', url: '/users', status: 403, note: 'admins only' },
  ],
  '= /users/invite': [
    { as: 'admin', url: '/users/invite' },
    { as: 'member', url: '/users/invite', status: 403, note: 'admins only' },
  ],
  '= /users/action': [
    { as: 'admin', url: '/users/action?op=deactivate&user={memberId}', note: 'confirmation page' },
    { as: 'admin', url: '/users/action?op=deactivate&user=999999999', status: 404, note: 'error page: not found' },
    { as: 'member', url: '/users/action?op=deactivate&user={adminId}', status: 403, note: 'admins only' },
  ],
  // /audit.csv is CSV, not HTML: only its refusal is a page.
  '~ ^/audit(\\.csv)?$': [
    { as: 'admin', url: '/audit' },
    { as: 'admin', url: '/audit?matter=NO-SUCH-MATTER&from=2026-01-01', status: 404, note: 'a filter refused: field marked' },
    { as: 'admin', url: '/audit?from=2026-13-45', status: 400, note: 'a date refused: field marked' },
    { as: 'member', url: '/audit', status: 403, note: 'admins only' },
    { as: 'member', url: '/audit.csv', status: 403, note: 'the CSV refused: an error page' },
  ],

  // Contacts, matters and activities.
  '= /contacts/new': [{ as: 'firm', url: '/contacts/new' }],
  '~ ^/contacts/[0-9]+/edit$': [
    { as: 'firm', url: '/contacts/{contact}/edit' },
    { as: 'firm', url: '/contacts/999999999/edit', status: 404, note: 'error page: not found' },
  ],
  '= /matters/new': [{ as: 'firm', url: '/matters/new' }],
  '~ ^/matters/[0-9]+/edit$': [
    { as: 'firm', url: '/matters/{mid}/edit' },
    { as: 'firm', url: '/matters/999999999/edit', status: 404, note: 'error page: not found' },
  ],
  // Intake forms.
  '= /forms': [
    { as: 'firm', url: '/forms?notice=deleted' },
    { as: 'admin', url: '/forms?q=no-such-form-at-all', note: 'nothing found' },
  ],
  '~ ^/forms/(new|[0-9]+)$': [
    { as: 'admin', url: '/forms/new', note: 'new form' },
    { as: 'admin', url: '/forms/{fopen}?field={ofield}&notice=added', note: 'the builder, a field being changed' },
    { as: 'admin', url: '/forms/{form}', note: 'a frozen form' },
    { as: 'admin', url: '/forms/{fopen}?op=delete', note: 'confirmation page' },
  ],
  '~ ^/matters/[0-9]+/forms$': [
    { as: 'firm', url: '/matters/{mid}/forms?notice=shared', note: 'sent and open forms' },
    { as: 'admin', url: '/matters/{freshMid}/forms', note: 'none yet' },
    { as: 'admin', url: '/matters/{mid}/forms?op=unshare&request={creq}', note: 'confirmation page' },
  ],
  '~ ^/matters/[0-9]+/forms/submissions/[0-9]+(\\.csv|\\.pdf)?$': [
    { as: 'firm', url: '/matters/{mid}/forms/submissions/{freq}', note: 'answers and what they changed' },
    { as: 'admin', url: '/matters/{mid}/forms/submissions/{creq}.csv', status: 404, note: 'CSV; its error page' },
    { as: 'admin', url: '/matters/{mid}/forms/submissions/{creq}.pdf', status: 404, note: 'PDF; its error page' },
  ],
  '~ ^/portal/matters/[0-9]+/forms$': [
    { as: 'client', url: '/portal/matters/{mid}/forms?notice=submitted' },
    { as: 'client', url: '/portal/matters/{mid2}/forms', note: 'none shared' },
  ],
  '~ ^/portal/matters/[0-9]+/forms/[0-9]+$': [
    { as: 'client', url: '/portal/matters/{mid}/forms/{creq}?notice=saved', note: 'every field type' },
    { as: 'client', url: '/portal/matters/{mid}/forms/{freq}', note: 'sent: the answers' },
  ],
  '~ ^/matters/[0-9]+/activities$': [
    { as: 'firm', url: '/matters/{mid}/activities?notice=added', note: 'time and an expense, totals' },
    { as: 'firm', url: '/matters/{freshMid}/activities', note: 'empty' },
  ],
  '~ ^/matters/[0-9]+/activities/edit$': [
    { as: 'firm', url: '/matters/{mid}/activities/edit?kind=time', note: 'new time entry' },
    { as: 'firm', url: '/matters/{mid}/activities/edit?kind=expense', note: 'new expense' },
    { as: 'firm', url: '/matters/{mid}/activities/edit?id={activity}', note: 'edit' },
    { as: 'firm', url: '/matters/{mid}/activities/edit?op=delete&id={activity}', note: 'confirmation page' },
  ],

  // Tasks and notes, the firm's and the client's (a member sees the
  // admin's pages: My tasks is the member's sample).
  '= /tasks': [
    { as: 'firm', url: '/tasks', note: 'my open tasks' },
    { as: 'admin', url: '/tasks?due=later', note: 'filtered' },
  ],
  '~ ^/matters/[0-9]+/tasks$': [
    { as: 'admin', url: '/matters/{mid}/tasks?show=all&notice=added', note: 'open and done, shared and viewed' },
    { as: 'admin', url: '/matters/{freshMid}/tasks?due=overdue&assignee={adminId}', note: 'filtered, nothing found' },
  ],
  '~ ^/matters/[0-9]+/tasks/edit$': [
    { as: 'admin', url: '/matters/{mid}/tasks/edit?id={task}', note: 'edit' },
    { as: 'admin', url: '/matters/{mid}/tasks/edit?op=delete&id={task}', note: 'confirmation page' },
  ],
  '~ ^/matters/[0-9]+/notes$': [
    { as: 'admin', url: '/matters/{mid}/notes?notice=saved', note: 'a shared note with its lines' },
    { as: 'admin', url: '/matters/{freshMid}/notes', note: 'empty' },
  ],
  '~ ^/matters/[0-9]+/notes/edit$': [
    { as: 'admin', url: '/matters/{mid}/notes/edit?id={note}', note: 'edit' },
    { as: 'admin', url: '/matters/{mid}/notes/edit?op=delete&id={note}', note: 'confirmation page' },
  ],
  '~ ^/portal/matters/[0-9]+/tasks$': [
    { as: 'client', url: '/portal/matters/{mid}/tasks?notice=done', note: 'shared tasks, one to mark done' },
    { as: 'client', url: '/portal/matters/{mid2}/tasks', note: 'nothing shared yet' },
  ],
  '~ ^/portal/matters/[0-9]+/notes(/[0-9]+)?$': [
    { as: 'client', url: '/portal/matters/{mid}/notes', note: 'shared notes' },
    { as: 'client', url: '/portal/matters/{mid}/notes/{note}', note: 'one note with its lines' },
  ],
  // The calendar.
  '= /calendar': [
    { as: 'firm', url: '/calendar?view=month&date=2026-06-01', note: 'month: a weekly event, a date moved' },
    { as: 'admin', url: '/calendar?view=agenda&date=2026-06-01&user={adminId}', note: 'agenda, one user\'s' },
    { as: 'admin', url: '/calendar?notice=added', note: 'this month, a notice' },
  ],
  '~ ^/matters/[0-9]+/calendar$': [
    { as: 'firm', url: '/matters/{mid}/calendar?view=month&date=2026-06-01' },
    { as: 'admin', url: '/matters/{freshMid}/calendar?view=agenda', note: 'empty' },
  ],
  '= /calendar/edit': [
    { as: 'firm', url: '/calendar/edit?matter={mid}', note: 'new event of a matter' },
    { as: 'admin', url: '/calendar/edit', note: 'new firm-wide event' },
    { as: 'admin', url: '/calendar/edit?id={event}&date=2026-06-23', note: 'this date or all events' },
    { as: 'admin', url: '/calendar/edit?op=delete&id={event}', note: 'confirmation page' },
    { as: 'admin', url: '/calendar/edit?op=cancel&id={event}&date=2026-06-23', note: 'confirmation page' },
  ],
  '= /calendar/settings': [{ as: 'firm', url: '/calendar/settings', note: 'the private feed' }],
  '~ ^/calendar/feed/[A-Za-z0-9_-]+\\.ics$': [
    { as: 'public', url: '/calendar/feed/{deadToken}.ics', status: 404, note: 'a feed; its error page' },
  ],
  '~ ^/portal/matters/[0-9]+/calendar$': [
    { as: 'client', url: '/portal/matters/{mid}/calendar', note: 'shared events' },
    { as: 'client', url: '/portal/matters/{mid2}/calendar', note: 'none shared' },
  ],
  '~ ^/portal/events/[0-9]+\\.ics$': [
    { as: 'client', url: '/portal/events/999999999.ics', status: 404, note: 'a download; its error page' },
  ],
  // Bills and funds requests (one actor each: the firm's pages share their
  // templates between admins and members).
  '= /billing': [
    { as: 'admin', url: '/billing?tab=unpaid&notice=sent', note: 'unpaid, bulk send and envelopes' },
    { as: 'member', url: '/billing?tab=draft&contact={contact}', note: 'drafts of one client' },
  ],
  '~ ^/matters/[0-9]+/bills$': [
    { as: 'admin', url: '/matters/{mid}/bills', note: 'shared and draft bills' },
  ],
  '~ ^/(matters|contacts)/[0-9]+/bills/new$': [
    { as: 'admin', url: '/matters/{mid}/bills/new', note: 'unbilled activities to choose' },
    { as: 'member', url: '/contacts/{contact}/bills/new', note: 'a multi-matter bill' },
  ],
  '~ ^/(matters|contacts)/[0-9]+/funds/new$': [
    { as: 'member', url: '/matters/{mid}/funds/new' },
  ],
  '~ ^/bills/[0-9]+(\\.pdf)?$': [
    { as: 'admin', url: '/bills/{bill}?notice=sent_both', note: 'shared: lines, payments, timeline' },
    { as: 'member', url: '/bills/{bill}?op=unshare', note: 'confirmation page' },
  ],
  '~ ^/bills/[0-9]+/send$': [
    { as: 'admin', url: '/bills/{draftBill}/send', note: 'the send form' },
  ],
  '= /envelopes': [
    { as: 'admin', url: '/envelopes?notice=prepared', note: 'an envelope to review, Send All Envelopes' },
  ],
  '~ ^/envelopes/[0-9]+$': [
    { as: 'admin', url: '/envelopes/{envelope}', note: 'the draft email' },
  ],
  '~ ^/portal/matters/[0-9]+/bills$': [
    { as: 'client', url: '/portal/matters/{mid}/bills', note: 'the Bills tab' },
  ],
  '~ ^/portal/bills/[0-9]+(\\.pdf)?$': [
    { as: 'client', url: '/portal/bills/{bill}', note: 'a shared bill' },
  ],
};

// Pages reached only by sending a form: the actor, the page the form is
// on, the fields typed (by label, or '#id'), the button, and what the page
// that comes back shows.  Run by the test through the browser.
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
    button: 'Set password and sign in', expect: /do not match/, note: 'invitation form with an error' },
  { as: 'public', url: '/join?token={joinToken}',
    fill: { 'Your name': 'Colin Colleague', Password: 'a long enough password', 'Repeat the password': 'a different password' },
    button: 'Join and sign in', expect: /passwords differ/, note: 'join form with an error' },
  // The code step of sign-in, then a wrong code (the pending sign-in stays).
  { as: 'public', url: '/login', fill: { Email: '{tfEmail}', Password: '{tfPassword}' },
    button: 'Sign in', expect: /6-digit code/, note: 'the code step' },
  { as: 'public', url: '/login/code', fill: { '6-digit code': '000000' },
    button: 'Sign in', expect: /not right/, note: 'a wrong code' },
  { as: 'public', url: '/portal/login?firm=demo', fill: { Email: '{tfClientEmail}', Password: '{password}' },
    button: 'Sign in', expect: /6-digit code/, note: "a client's code step" },
  { as: 'public', url: '/portal/login/code', fill: { '6-digit code': '000000' },
    button: 'Sign in', expect: /not right/, note: "a client's wrong code" },

  // Refused forms of the firm's pages: what was typed kept, the field marked.
  { as: 'admin', url: '/contacts/new',
    fill: { Name: 'Refused Contact', 'Email addresses, one a line (the first is primary)': 'not an address' },
    button: 'Create contact', expect: /not an email address/, note: 'contact refused' },
  { as: 'admin', url: '/matters/new', fill: { Description: 'A matter without a client' },
    button: 'Create matter', expect: /Choose the/, note: 'matter refused' },
  { as: 'admin', url: '/users/invite', fill: { 'Their email': 'member@demo.test' },
    button: 'Send invitation', expect: /already a user of your firm/, note: 'invitation refused' },
  { as: 'admin', url: '/settings', fill: { 'Time zone': 'Nowhere/Atlantis' },
    button: 'Save settings', expect: /Nothing was saved/, note: 'settings refused' },
  { as: 'admin', url: '/settings/categories', fill: { 'New category': 'A11y research {R}' },
    button: 'Add', expect: /already a category/, note: 'category refused' },
  { as: 'admin', url: '/matters/{mid}/activities/edit?kind=time', fill: { 'Time (minutes, or hours:minutes)': 'a while', '#rate': '200.00', Description: 'Reading' },
    button: 'Add', expect: /Enter the time as minutes|Choose/, note: 'time entry refused' },
  // Shared into a matter whose portal is not open: the box marked.
  { as: 'admin', url: '/matters/{freshMid}/tasks/edit', fill: { Title: 'A task for the portal' },
    check: ['Share via client portal'], button: 'Add task', expect: /portal is not open yet/, note: 'task refused' },
  { as: 'admin', url: '/matters/{freshMid}/notes/edit', fill: { Subject: 'A note for the portal', Note: 'Line one.' },
    check: ['Share via client portal'], button: 'Add note', expect: /portal is not open yet/, note: 'note refused' },
  { as: 'admin', url: '/calendar/edit?matter={mid}', fill: { Title: 'A11y refused {R}', '#end_time': '08:00' },
    button: 'Add event', expect: /The end must come after the start/, note: 'event refused' },
  { as: 'client', url: '/portal/matters/{mid}/forms/{creq}', fill: { 'Your email': 'not-an-address' },
    button: 'Send to my law firm', expect: /Some answers need your attention/, note: 'a form refused by field' },
  { as: 'admin', url: '/matters/{mid}/funds/new', fill: { '#amount': '12.345' },
    button: 'Create funds request', expect: /Enter the amount/, note: 'funds request refused' },
  { as: 'admin', url: '/bills/{draftBill}/send', fill: {}, button: 'Send bill',
    expect: /This is an Unfinal invoice/, note: 'a draft to the portal: the question' },
  { as: 'member', url: '/account',
    fill: { 'Current password': 'not my password at all', 'New password': 'a new long password', 'Repeat the new password': 'a new long password' },
    button: 'Change password', expect: /not correct/, note: 'password change refused' },
  { as: 'client', url: '/portal/account',
    fill: { 'Current password': 'not my password at all', 'New password': 'a new long password', 'Repeat the new password': 'a new long password' },
    button: 'Change password', expect: /not correct/, note: 'client password change refused' },
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
