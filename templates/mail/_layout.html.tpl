{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{FIRM_NAME}}</title></head>
<body style="margin:0;padding:24px;background:#f5f6f8;font-family:Arial,Helvetica,sans-serif;color:#1d2430">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #dde2e8">
<tr><td style="padding:20px 28px;border-bottom:1px solid #e7ebef">
{{#LOGO}}<img src="{{LOGO_URL}}" alt="{{FIRM_NAME}}" height="48" style="display:block;border:0">{{/LOGO}}
<p style="margin:8px 0 0;font-size:18px;font-weight:bold">{{FIRM_NAME}}</p>
</td></tr>
<tr><td style="padding:24px 28px;font-size:15px;line-height:1.5">
{{#PARA}}<p>{{#LINE}}{{BEFORE}}{{#URL}}<a href="{{HREF}}">{{HREF}}</a>{{/URL}}{{AFTER}}{{#LINE_separator}}<br>
{{/LINE_separator}}{{/LINE}}</p>
{{/PARA}}
</td></tr>
</table>
</body></html>
