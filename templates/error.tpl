{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{STATUS}} {{STATUS_TEXT}} · Vellum</title>
<link rel="stylesheet" href="/static/vellum.css">
</head>
<body>
<main>
<section class="card narrow">
<h1>{{STATUS_TEXT}}</h1>
<p class="error" role="alert">{{MESSAGE}}</p>
<p><a href="/">Back to the start page</a></p>
</section>
</main>
</body>
</html>
