// The sheet's « Imprimer » button (a file, not an onclick attribute: the CSP allows no inline script).
"use strict";
document.getElementById("imprimer")?.addEventListener("click", () => window.print());
