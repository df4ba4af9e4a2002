{{%AUTOESCAPE context="HTML"}}</main>
<script src="/static/vellum.js" defer></script>
<footer class="bottom">Vellum client portal · {{YEAR}}</footer>
</body>
</html>
