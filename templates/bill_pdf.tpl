{{%AUTOESCAPE context="HTML"}}
{{!-- The words of a bill's PDF (Download PDF), one "key: text" a line;
 the amounts, names and lines come from the bill itself. --}}
title_bill: Invoice
title_trust: Funds request
number: Number
client: Client
matter: Matter
matters: Matters
issued: Issued
due: Due
state: Status
state_draft: Draft
state_final: Unpaid
state_partial: Partially paid
state_paid: Paid
state_void: Void
date: Date
description: Description
quantity: Hours
amount: Amount
total: Total
paid: Paid
balance: Balance due
memo: Note
funds_line: Funds request
trust_note: Payments of this request are held in the firm's trust account.
