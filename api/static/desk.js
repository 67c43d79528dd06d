// Agent desk: live results as facts change, commune autocomplete, sheet in one click.
(function () {
  "use strict";
  const form = document.getElementById("situation");
  const csrf = form.dataset.csrf;
  const results = document.getElementById("resultats");
  const message = document.getElementById("fiche-message");
  const communeInput = document.getElementById("f-commune");
  const datalist = document.getElementById("communes-list");
  const codeInsee = document.getElementById("f-code_insee");
  const inseeByLabel = new Map();  // « Roubaix (59100) » → « 59512 », from the autocomplete
  let timer = null;
  let sequence = 0;

  function situation() {
    const data = {};
    for (const el of form.elements) {
      if (!el.name || el.value === "") continue;
      const kind = el.dataset.kind;
      if (kind === "bool") data[el.name] = el.value === "true";
      else if (kind === "int") data[el.name] = Number.parseInt(el.value, 10);
      else if (kind === "number") data[el.name] = Number.parseFloat(el.value);
      else if (kind === "ages") {  // « 2, 6 » or « 2 et 6 » → [2, 6]
        data[el.name] = (el.value.match(/\d+/g) || []).map((n) => Number.parseInt(n, 10));
      }
      else data[el.name] = el.value;
    }
    return data;
  }

  async function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify(body),
    });
  }

  async function refresh() {
    const mine = ++sequence;
    const response = await post("/agent/resultats", situation());
    if (mine !== sequence) return;  // a newer request is on its way
    if (response.status === 401) { window.location = "/agent/connexion"; return; }
    results.innerHTML = await response.text();
  }

  function schedule() { clearTimeout(timer); timer = setTimeout(refresh, 250); }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", (event) => { event.preventDefault(); refresh(); });

  function pickedCode() { codeInsee.value = inseeByLabel.get(communeInput.value) || ""; }

  communeInput.addEventListener("input", async () => {
    pickedCode();  // before the form's own listener sends the situation
    const q = communeInput.value.trim();
    if (q.length < 2) return;
    const response = await fetch("/api/v1/communes?limit=8&q=" + encodeURIComponent(q));
    if (!response.ok) return;
    const found = await response.json();
    datalist.replaceChildren(...found.map((c) => {
      const option = document.createElement("option");
      option.value = c.libelle;
      inseeByLabel.set(c.libelle, c.insee);
      return option;
    }));
  });

  document.getElementById("creer-fiche").addEventListener("click", async () => {
    message.textContent = "Création de la fiche…";
    const response = await post("/agent/fiches", situation());
    const body = await response.json();
    if (response.ok) {
      message.innerHTML = "";
      const link = document.createElement("a");
      link.href = body.url; link.textContent = "Fiche créée : l'ouvrir pour l'imprimer";
      link.target = "_blank"; link.rel = "noopener";
      message.append(link);
      window.open(body.url, "_blank", "noopener");
    } else {
      message.textContent = (body.details || []).map((d) => d.message).join(" ") || body.erreur;
    }
  });

  // « Signaler une erreur » on a place: what is wrong, what is right, a source; nothing about
  // the person is sent.
  results.addEventListener("click", (event) => {
    const opener = event.target.closest("button.report-open");
    if (!opener) return;
    const report = document.getElementById(opener.getAttribute("aria-controls"));
    report.hidden = !report.hidden;
    opener.setAttribute("aria-expanded", String(!report.hidden));
    if (!report.hidden) report.querySelector("input[name=right]").focus();
  });

  results.addEventListener("submit", async (event) => {
    const report = event.target.closest("form.signalement");
    if (!report) return;
    event.preventDefault();
    const status = report.querySelector(".report-status");
    const data = Object.fromEntries(new FormData(report).entries());
    data.office_id = report.dataset.office;
    const response = await post("/agent/signalements", data);
    const body = await response.json();
    status.textContent = response.ok ? body.message
      : ((body.details || []).map((d) => d.message).join(" ") || body.erreur);
    if (response.ok) report.querySelector("button").disabled = true;
  });

  document.getElementById("effacer").addEventListener("click", () => {
    form.reset(); codeInsee.value = ""; results.innerHTML = "<p>Les résultats apparaîtront ici.</p>";
    message.textContent = ""; document.getElementById("f-commune").focus();
  });

  document.getElementById("reprise").addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = document.getElementById("reprise-message");
    const code = document.getElementById("code").value;
    const response = await post("/agent/reprise", {code: code});  // used once: a POST
    if (response.status === 401) { window.location = "/agent/connexion"; return; }
    const body = await response.json();
    if (!response.ok) {
      status.textContent = (body.details || []).map((d) => d.message).join(" ") || body.erreur;
      return;
    }
    document.getElementById("code").value = "";
    form.reset(); codeInsee.value = "";  // a hidden input keeps its value through reset()
    for (const [name, value] of Object.entries(body.situation)) {
      const el = form.elements.namedItem(name);
      if (el && value !== null) el.value = String(value);
    }
    status.textContent = "Situation reprise.";
    refresh();
  });
})();
