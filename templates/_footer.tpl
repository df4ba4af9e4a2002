{{%AUTOESCAPE context="HTML"}}</main>
<footer class="bottom">Vellum client portal · {{YEAR}}</footer>
</body>
</html>
