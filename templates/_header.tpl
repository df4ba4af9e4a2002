{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · Vellum</title>
<link rel="stylesheet" href="/static/vellum.css">
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="top">
  <a class="brand" href="/">Vellum</a>
{{#SIGNED_IN}}
  {{#LOGO}}<img class="logo" src="{{LOGO_URL}}" alt="{{FIRM_NAME}}" height="32">{{/LOGO}}
  <span class="firm">{{FIRM_NAME}}</span>
  <nav>
    <a href="/matters">Matters</a>
    <a href="/contacts">Contacts</a>
    <a href="/tasks">My tasks</a>
    <a href="/calendar">Calendar</a>
    <a href="/forms">Forms</a>
    <a href="/billing">Billing</a>
    {{#ADMIN}}<a href="/users">Users</a>
    <a href="/settings">Settings</a>
    <a href="/audit">Audit log</a>{{/ADMIN}}
    <a href="/account">My account</a>
  </nav>
  <form class="signout" method="post" action="/logout">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <span class="who">{{USER_NAME}}</span>
    <button type="submit">Sign out</button>
  </form>
{{/SIGNED_IN}}
{{#CLIENT_SIGNED_IN}}
  {{#LOGO}}<img class="logo" src="{{LOGO_URL}}" alt="{{FIRM_NAME}}" height="32">{{/LOGO}}
  <span class="firm">{{FIRM_NAME}} · client portal</span>
  <nav>
    <a href="/portal">My matters</a>
    <a href="/portal/account">My account</a>
  </nav>
  <form class="signout" method="post" action="/portal/logout">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <span class="who">{{USER_NAME}}</span>
    <button type="submit">Sign out</button>
  </form>
{{/CLIENT_SIGNED_IN}}
{{#CLIENT_PUBLIC}}
  {{#LOGO}}<img class="logo" src="{{LOGO_URL}}" alt="{{FIRM_NAME}}" height="32">{{/LOGO}}
  <span class="firm">{{FIRM_NAME}} · client portal</span>
{{/CLIENT_PUBLIC}}
</header>
<main id="main" tabindex="-1">
