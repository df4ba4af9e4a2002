// Vellum's only script: confirmations and the upload progress bar.
// Everything works without it; it is loaded from 'self' under the CSP.
'use strict';

// A form that takes something away asks first.  Without the script its
// button GETs a confirmation page whose form posts; with it, the dialog asks
// and the form posts at once, with the page's CSRF token: the form's own
// data-csrf, or that of the list holding it (one for a list of rows).
document.addEventListener('submit', (ev) => {
  const form = ev.target;
  const question = form.getAttribute('data-confirm');
  if (!question) return;
  if (!window.confirm(question)) {
    ev.preventDefault();
    return;
  }
  const holder = form.closest('[data-csrf]');
  const csrf = holder && holder.getAttribute('data-csrf');
  if (form.method === 'get' && csrf) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'csrf';
    input.value = csrf;
    form.append(input);
    form.method = 'post';
  }
});

// Uploads each chosen file in its own request, with a progress bar per file,
// then reloads the folder.  One request a file keeps every request under the
// 100 MB limit however many files are chosen.
document.addEventListener('submit', (ev) => {
  const form = ev.target;
  if (!form.hasAttribute('data-upload') || ev.defaultPrevented) return;
  const input = form.querySelector('input[type=file]');
  if (!input || !input.files.length || !window.XMLHttpRequest) return;
  ev.preventDefault();
  const area = form.querySelector('.progress');
  const files = Array.from(input.files);
  const limit = 100 * 1024 * 1024;
  let failed = 0;

  const one = (file) => new Promise((resolve) => {
    const row = document.createElement('div');
    const label = document.createElement('span');
    const bar = document.createElement('progress');
    label.textContent = file.name + ' ';
    bar.max = 100;
    bar.value = 0;
    row.append(label, bar);
    area.append(row);
    if (file.size > limit) {
      label.textContent = file.name + ': larger than 100 MB, not uploaded';
      bar.remove();
      failed++;
      resolve();
      return;
    }
    // The file itself is the body: nginx then holds it to exactly 100 MB.
    const url = form.action.replace(/\/upload$/, '/put') +
      '?folder=' + encodeURIComponent(form.elements.folder.value) +
      '&name=' + encodeURIComponent(file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('X-Requested-With', 'vellum-upload');
    xhr.setRequestHeader('X-CSRF-Token', form.elements.csrf.value);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100); };
    xhr.onload = () => {
      if (xhr.status === 200) bar.value = 100;
      else {
        failed++;
        label.textContent = file.name + (xhr.status === 413 ? ': too large, not uploaded' : ': upload failed (' + xhr.status + ')');
      }
      resolve();
    };
    xhr.onerror = () => { failed++; label.textContent = file.name + ': upload failed'; resolve(); };
    xhr.send(file);
  });

  (async () => {
    for (const f of files) await one(f);
    if (!failed) {
      const url = new URL(window.location.href);
      url.searchParams.set('notice', 'uploaded');
      window.location.assign(url.toString());
    }
  })();
});

// A "Copy" button next to a read-only field (the client login link): the
// field's text to the clipboard.  Without the script the button is hidden
// and the text is there to select and copy by hand.
document.addEventListener('click', (ev) => {
  const btn = ev.target.closest && ev.target.closest('button[data-copy]');
  if (!btn) return;
  const field = document.getElementById(btn.getAttribute('data-copy'));
  if (!field) return;
  field.select();
  const done = () => { btn.textContent = 'Copied'; };
  if (navigator.clipboard) navigator.clipboard.writeText(field.value).then(done, () => {});
  else if (document.execCommand('copy')) done();
});
for (const btn of document.querySelectorAll('button[data-copy]')) btn.hidden = false;

// The form builder's drag and drop: a field dragged to another place is
// saved at once through the page's hidden "order" form (POST with its CSRF
// token); without the script the Up and Down buttons do the same.
(function () {
  'use strict';
  var list = document.getElementById('fields');
  var form = document.getElementById('order-form');
  if (!list || !form || !('draggable' in list)) return;
  var items = list.querySelectorAll('li.form-field');
  if (items.length < 2 || !list.querySelector('.field-actions')) return;
  var dragged = null;
  Array.prototype.forEach.call(items, function (li) {
    li.draggable = true;
    li.classList.add('draggable');
    li.addEventListener('dragstart', function (e) {
      dragged = li;
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', li.getAttribute('data-field'));
    });
    li.addEventListener('dragover', function (e) {
      if (dragged && dragged !== li) e.preventDefault();
    });
    li.addEventListener('drop', function (e) {
      e.preventDefault();
      if (!dragged || dragged === li) return;
      var r = li.getBoundingClientRect();
      list.insertBefore(dragged, e.clientY > r.top + r.height / 2 ? li.nextSibling : li);
      var ids = [];
      Array.prototype.forEach.call(list.querySelectorAll('li.form-field'), function (x) {
        ids.push(x.getAttribute('data-field'));
      });
      document.getElementById('order').value = ids.join(',');
      form.submit();
    });
  });
})();
