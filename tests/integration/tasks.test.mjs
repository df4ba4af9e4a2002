// Tasks of a matter (F-A8, F-B11) through nginx, with the mailer and the
// SMTP sink: shared into the portal (the client sees it, a coalesced
// email to the address on file) and unshared (the next request refused,
// nothing listed); the client marks a permitted task done, the firm sees
// who and when and is told; a task it may not mark done is refused and
// stays as it was; the filters, the pages of 50 and My tasks; refused
// forms keep what was typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, waitForMail, mailsTo, mailSettled, demoAdmin } from './helpers.mjs';
import { newMatter, portalAction, acceptInvitation } from './docs-helpers.mjs';

const R = Date.now().toString(36);
const adminId = () => sql("SELECT id FROM users WHERE email = 'admin@demo.test'");
const T = (mid) => `/matters/${mid}/tasks/edit`;
const save = (firm, mid, fields) => firm.submit(T(mid), T(mid), { op: 'save', description: '', due: '',
  assignee: '0', priority: 'normal', ...fields });
const taskId = (mid, title) => sql(`SELECT id FROM tasks WHERE matter_id = ${mid} AND title = '${title}'`);
// (The token from a page that is there whatever the task's state.)
const clientPost = (c, mid, fields) => c.submit('/portal/account', `/portal/matters/${mid}/tasks`, fields);

// A matter of its own with the portal open and its client signed in.
async function portalMatter(tag) {
  const firm = await demoAdmin();
  const t = newMatter(`${tag}-${R}`);
  assert.equal((await portalAction(firm, t.mid, { op: 'open' })).status, 303);
  assert.equal((await portalAction(firm, t.mid, { op: 'send', body: 'Welcome.' })).status, 303);
  const client = await acceptInvitation(t.email, `${tag} portal password ${R}`);
  await mailSettled(t.email);
  return { firm, client, ...t };
}

test('a shared task reaches the client (page and coalesced email); unticked, the next request is refused', async () => {
  const { firm, client, mid, email, number } = await portalMatter('tshare');
  const before = (await mailsTo(email)).length;
  const title = `Send the signed lease ${R}`;
  const res = await save(firm, mid, { title, description: 'Both copies,\nsigned.', due: '2026-07-01',
    assignee: adminId(), priority: 'high', share: '1', client_done: '1' });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/matters/${mid}/tasks?notice=added`);
  const id = taskId(mid, title);
  let page = (await firm.get(res.location)).text;
  assert.match(page, /Task added\./);
  assert.match(page, new RegExp(`<strong>${title}</strong>`));
  assert.match(page, /Shared; the client may mark it done/);
  assert.match(page, /Both copies,<br>signed\./, 'the description keeps its lines');
  assert.match((await firm.get(`${T(mid)}?id=${taskId(mid, title)}`)).text, />Both copies,\nsigned\.<\/textarea>/,
    'and keeps them when edited');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'task_shared' AND item_id = ${id}`), '1');

  // The client: the Tasks tab lists it, with its button.
  const list = await client.get(`/portal/matters/${mid}/tasks`);
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(title));
  assert.match(list.text, /aria-current="page" href="\/portal\/matters\/\d+\/tasks">Tasks</);
  assert.match(list.text, /Mark done/);
  assert.match(list.text, /Both copies,<br>signed\./);
  // One coalesced email to the address on file, without the task's words.
  const mails = await waitForMail(email, before + 1);
  const mail = mails.find((m) => /a task in/.test(m.text));
  assert.ok(mail, 'the email names a task');
  assert.match(mail.text, new RegExp(`a task in ${number}`));
  assert.doesNotMatch(mail.text, /signed lease/, 'the email does not carry the content');
  // The firm sees it was viewed, by whom.
  page = (await firm.get(`/matters/${mid}/tasks`)).text;
  assert.match(page, /Viewed by Client tshare-\w+ on /);
  assert.equal(sql(`SELECT COUNT(*) FROM item_reads WHERE item_kind = 'task' AND item_id = ${id}`), '1');

  // Unticked: gone from the portal at once; marking it done is refused.
  assert.equal((await save(firm, mid, { id, title, assignee: adminId(), client_done: '1' })).status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM shares WHERE record_kind = 'task' AND record_id = ${id} AND revoked_at IS NULL`), '0');
  const after = await client.get(`/portal/matters/${mid}/tasks`);
  assert.equal(after.status, 200);
  assert.doesNotMatch(after.text, new RegExp(title));
  assert.match(after.text, /No tasks have been shared with you/);
  assert.equal((await clientPost(client, mid, { op: 'done', id })).status, 404);
  assert.equal(sql(`SELECT done_at IS NULL FROM tasks WHERE id = ${id}`), '1');
  assert.doesNotMatch((await firm.get(`/matters/${mid}/tasks`)).text, />Shared</);
  // Shared again: back, and one more email (not one per save).
  assert.equal((await save(firm, mid, { id, title, share: '1' })).status, 303);
  assert.match((await client.get(`/portal/matters/${mid}/tasks`)).text, new RegExp(title));
  assert.equal((await save(firm, mid, { id, title: `${title} (edited)`, share: '1' })).status, 303);
  assert.match((await client.get(`/portal/matters/${mid}/tasks`)).text, /\(edited\)/, 'a change shows at once');
  await mailSettled(email);
  assert.equal((await mailsTo(email)).filter((m) => /a task in/.test(m.text)).length, 2);
});

test('the client marks a permitted task done; one not permitted is refused and nothing changes', async () => {
  const { firm, client, mid, contact } = await portalMatter('tdone');
  const yes = `You may tick this ${R}`, no = `Only the firm ticks this ${R}`;
  assert.equal((await save(firm, mid, { title: yes, share: '1', client_done: '1' })).status, 303);
  assert.equal((await save(firm, mid, { title: no, share: '1' })).status, 303);
  const [idYes, idNo] = [taskId(mid, yes), taskId(mid, no)];
  const list = (await client.get(`/portal/matters/${mid}/tasks`)).text;
  assert.equal((list.match(/Mark done/g) || []).length, 1, 'only the permitted task has a button');

  const row = (id) => sql(`SELECT CONCAT_WS('|', title, done_at IS NULL, COALESCE(done_by_contact, 0), updated_at)` +
    ` FROM tasks WHERE id = ${id}`);
  const noBefore = row(idNo);
  const refused = await clientPost(client, mid, { op: 'done', id: idNo });
  assert.equal(refused.status, 403);
  assert.equal(row(idNo), noBefore, 'nothing changed');

  const ok = await clientPost(client, mid, { op: 'done', id: idYes });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, `/portal/matters/${mid}/tasks?notice=done`);
  assert.match((await client.get(ok.location)).text, /Task marked done\. Your law firm has been told\./);
  assert.equal(sql(`SELECT done_at IS NOT NULL AND done_by_contact = ${contact} AND done_by_user IS NULL` +
    ` FROM tasks WHERE id = ${idYes}`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'client_task_done' AND item_id = ${idYes}` +
    ` AND contact_id = ${contact}`), '1');
  // The firm: who marked it done and when, and a coalesced notification.
  const page = (await firm.get(`/matters/${mid}/tasks?show=done`)).text;
  assert.match(page, new RegExp(`${yes}[\\s\\S]*Done by Client tdone-\\w+ on \\w`));
  const told = () => sql("SELECT COUNT(*) FROM notifications WHERE kind = 'firm_items'" +
    ` AND recipient = 'admin@demo.test' AND payload LIKE '%task%is%done%${R}%'`);
  assert.equal(told(), '1', 'the firm is told, in the transaction of the change');
  // Twice (a second click, a replayed form): done once, told once.
  assert.equal((await clientPost(client, mid, { op: 'done', id: idYes })).status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'client_task_done' AND item_id = ${idYes}`), '1');
  assert.equal(told(), '1');

  // The firm takes the permission back: refused, nothing changed.
  assert.equal((await firm.submit(T(mid), T(mid), { op: 'undone', id: idYes })).status, 303);
  assert.equal((await save(firm, mid, { id: idYes, title: yes, share: '1' })).status, 303);
  const yesBefore = row(idYes);
  assert.equal((await clientPost(client, mid, { op: 'done', id: idYes })).status, 403);
  assert.equal(row(idYes), yesBefore);
  // Tasks turned off in the portal's permissions: the tab and the action are gone.
  assert.equal((await portalAction(firm, mid, { op: 'permissions', perm_messages: '1', perm_documents: '1' })).status, 303);
  assert.equal((await client.get(`/portal/matters/${mid}/tasks`)).status, 404);
  assert.equal((await clientPost(client, mid, { op: 'done', id: idNo })).status, 404);
  assert.doesNotMatch((await client.get(`/portal/matters/${mid}`)).text, /\/tasks">Tasks</);
  assert.equal(row(idNo), noBefore);
});

test('filters in the URL (open, done, assignee, overdue, this week, later), pages of 50, My tasks', async () => {
  const firm = await demoAdmin();
  const t = newMatter(`tfilter-${R}`);
  const zone = sql("SELECT time_zone FROM firms WHERE slug = 'demo'");
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
  const member = sql("SELECT id FROM users WHERE email = 'member@demo.test'");
  const titles = { overdue: `Overdue ${R}`, week: `Due today ${R}`, later: `Next century ${R}`, none: `Someday ${R}`,
    done: `Finished ${R}` };
  for (const [k, due] of [['overdue', '2020-01-02'], ['week', today], ['later', '2099-12-31'], ['none', ''], ['done', today]])
    assert.equal((await save(firm, t.mid, { title: titles[k], due, assignee: k === 'none' ? member : adminId(),
      priority: k === 'overdue' ? 'high' : 'low' })).status, 303);
  assert.equal((await firm.submit(T(t.mid), T(t.mid), { op: 'done', id: taskId(t.mid, titles.done) })).status, 303);
  const shown = async (q) => {
    const res = await firm.get(`/matters/${t.mid}/tasks${q}`);
    assert.equal(res.status, 200, q);
    return Object.keys(titles).filter((k) => res.text.includes(titles[k])).sort().join(' ');
  };
  assert.equal(await shown(''), 'later none overdue week', 'open tasks by default');
  assert.equal(await shown('?show=done'), 'done');
  assert.equal(await shown('?show=all'), 'done later none overdue week');
  assert.equal(await shown('?due=overdue'), 'overdue');
  assert.equal(await shown('?due=week'), 'week');
  assert.equal(await shown('?due=later'), 'later');
  assert.equal(await shown(`?assignee=${member}`), 'none');
  assert.equal(await shown(`?show=all&due=week&assignee=${adminId()}`), 'done week');
  const page = (await firm.get(`/matters/${t.mid}/tasks?due=overdue`)).text;
  assert.match(page, /<option value="overdue" selected>/, 'the filter is kept in the form');
  assert.match(page, /overdue<\/span>/, 'an overdue task is marked');
  assert.equal((await firm.get(`/matters/${t.mid}/tasks?due=tomorrow`)).status, 400);
  assert.equal((await firm.get(`/matters/${t.mid}/tasks?show=some`)).status, 400);

  // My tasks: the admin's open ones across matters, filtered the same way.
  const mine = (await firm.get('/tasks?due=overdue')).text;
  assert.match(mine, new RegExp(titles.overdue));
  assert.doesNotMatch(mine, new RegExp(titles.none), 'another user\'s task');
  assert.doesNotMatch((await firm.get('/tasks')).text, new RegExp(titles.done), 'a done task');

  // 50 a page, the filters in the pager's links.
  const f = sql(`SELECT firm_id FROM matters WHERE id = ${t.mid}`);
  sql('INSERT INTO tasks (firm_id, matter_id, title, due_on, priority, created_at, updated_at) SELECT ' +
    `${f}, ${t.mid}, CONCAT('Bulk ${R} ', seq), '2099-01-01', 'normal', NOW(6), NOW(6) FROM seq_1_to_50`);
  const p1 = (await firm.get(`/matters/${t.mid}/tasks?due=later`)).text;
  assert.equal((p1.match(/<tr><td><strong>/g) || []).length, 50);
  const next = p1.match(/rel="next" href="([^"]+)"/);
  assert.ok(next, 'a next page');
  assert.equal(next[1].replace(/&amp;/g, '&'), `/matters/${t.mid}/tasks?due=later&page=2`);
  const p2 = (await firm.get(next[1].replace(/&amp;/g, '&'))).text;
  assert.equal((p2.match(/<tr><td><strong>/g) || []).length, 1);
  assert.match(p2, /rel="prev"/);
});

test('a refused task form says which field is wrong and keeps what was typed', async () => {
  const firm = await demoAdmin();
  const t = newMatter(`tform-${R}`);
  let res = await save(firm, t.mid, { title: '', description: 'kept <b>as typed</b>', due: '2026-02-30',
    priority: 'urgent' });
  assert.equal(res.status, 400);
  assert.match(res.text, /Nothing was saved/);
  assert.match(res.text, /id="title"[^>]*aria-invalid="true"/);
  assert.match(res.text, /Enter a title\./);
  assert.match(res.text, /id="due" name="due" value="2026-02-30" aria-invalid="true"/);
  assert.match(res.text, /Choose low, normal or high\./);
  assert.match(res.text, /kept &lt;b&gt;as typed&lt;\/b&gt;/);
  res = await save(firm, t.mid, { title: 'x'.repeat(201) });
  assert.equal(res.status, 400);
  assert.match(res.text, /at most 200 characters/);
  // Shared into a matter whose portal is not open: the box is the fault.
  res = await save(firm, t.mid, { title: `Share me ${R}`, share: '1' });
  assert.equal(res.status, 400);
  assert.match(res.text, /portal is not open yet/);
  assert.match(res.text, /name="share" value="1" checked aria-invalid="true"/);
  assert.equal(sql(`SELECT COUNT(*) FROM tasks WHERE matter_id = ${t.mid}`), '0', 'nothing saved');
  // Another firm's user as assignee, another matter's task: not found.
  assert.equal((await save(firm, t.mid, { title: 'x', assignee: '999999999' })).status, 404);
  assert.equal((await firm.get(`/matters/${t.mid}/tasks/edit?id=999999999`)).status, 404);
  // Delete asks first, then deletes.
  assert.equal((await save(firm, t.mid, { title: `Delete me ${R}` })).status, 303);
  const id = taskId(t.mid, `Delete me ${R}`);
  const confirm = await firm.get(`/matters/${t.mid}/tasks/edit?op=delete&id=${id}`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, /Delete this task\?/);
  assert.equal(taskId(t.mid, `Delete me ${R}`), id, 'the confirmation changes nothing');
  res = await firm.submit(`/matters/${t.mid}/tasks/edit?op=delete&id=${id}`, T(t.mid), { op: 'delete', id });
  assert.equal(res.location, `/matters/${t.mid}/tasks?notice=deleted`);
  assert.match((await firm.get(res.location)).text, /Task deleted\./);
  assert.equal(sql(`SELECT COUNT(*) FROM tasks WHERE id = ${id}`), '0');
});
