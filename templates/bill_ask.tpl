{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/billing">Billing</a> › <a href="/bills/{{ID}}">{{#BILL}}Bill{{/BILL}}{{#TRUST}}Funds request{{/TRUST}} {{NUMBER}}</a> ›</p>
<section class="card narrow confirm">
<h1>{{#ASK_VOID}}Void {{NUMBER}}{{/ASK_VOID}}{{#ASK_UNSHARE}}Unshare {{NUMBER}}{{/ASK_UNSHARE}}{{#ASK_FINAL}}Send {{NUMBER}}{{/ASK_FINAL}}</h1>
<p class="muted">{{CONTACT}}{{#ONE_MATTER}} · {{MATTER}}{{/ONE_MATTER}} · {{BALANCE}} due</p>
<p class="question">{{#ASK_VOID}}Void this bill? It stays on record as void, leaves the client portal, its pay links stop working and its activities can be billed again. It cannot be undone.{{/ASK_VOID}}{{!
}}{{#ASK_UNSHARE}}Unshare via Client Portal? The client will no longer see this bill or its pay button, and the pay links already sent stop working.{{/ASK_UNSHARE}}{{!
}}{{#ASK_FINAL}}This is an Unfinal invoice. Invoice will be marked as Final once shared. Continue?{{/ASK_FINAL}}</p>
<form method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="{{OP}}">
{{#ASK_FINAL}}  <input type="hidden" name="confirm" value="1">
{{#PORTAL_ON}}  <input type="hidden" name="portal" value="1">
{{/PORTAL_ON}}{{#EMAIL_ON}}  <input type="hidden" name="email" value="1">
{{/EMAIL_ON}}  <input type="hidden" name="message" value="{{MESSAGE_TEXT}}">
{{/ASK_FINAL}}  <button type="submit"{{#ASK_VOID}} class="danger"{{/ASK_VOID}}>{{#ASK_VOID}}Void bill{{/ASK_VOID}}{{#ASK_UNSHARE}}Unshare via Client Portal{{/ASK_UNSHARE}}{{#ASK_FINAL}}Continue{{/ASK_FINAL}}</button>
  <a class="cancel" href="/bills/{{ID}}">Cancel</a>
</form>
</section>
{{>FOOTER}}
