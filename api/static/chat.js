// Web chat: talks only to POST /api/v1/chat; keeps the conversation across reloads.
(function () {
  "use strict";
  const list = document.getElementById("fil");
  const replies = document.getElementById("reponses");
  const form = document.getElementById("envoi");
  const input = document.getElementById("message");
  const status = document.getElementById("etat");
  const KEY = "mesdroits-conversation";
  function fresh() {
    const random = new Uint8Array(16);
    crypto.getRandomValues(random);
    return {sender: Array.from(random, (b) => b.toString(16).padStart(2, "0")).join(""),
            lines: [], buttons: []};
  }
  let saved = JSON.parse(localStorage.getItem(KEY) || "null");
  if (!saved || !saved.sender) saved = fresh();

  function store() { localStorage.setItem(KEY, JSON.stringify(saved)); }

  function addLine(who, text) {
    const item = document.createElement("li");
    item.className = who;
    const label = document.createElement("span");
    label.className = "visually-hidden-title";
    label.textContent = who === "moi" ? "Vous : " : "Assistant : ";
    item.append(label);
    // Links become clickable (the rights sheet opens in one tap).
    for (const part of text.split(/(https?:\/\/\S+)/)) {
      if (/^https?:\/\//.test(part)) {
        const link = document.createElement("a");
        link.href = part;
        link.textContent = part.includes("/fiche/") ? "Ouvrir ma fiche de droits" : part;
        link.target = "_blank"; link.rel = "noopener";
        item.append(link);
      } else {
        item.append(document.createTextNode(part));
      }
    }
    list.append(item);
  }

  function showButtons(buttons) {
    replies.replaceChildren(...buttons.map((b) => {
      const button = document.createElement("button");
      button.type = "button"; button.className = "secondary"; button.textContent = b.title;
      button.addEventListener("click", () => send(b.payload, b.shown || b.title));
      return button;
    }));
  }

  async function send(message, shown) {
    addLine("moi", shown || message);
    saved.lines.push(["moi", shown || message]);
    showButtons([]);
    status.textContent = "L'assistant écrit…";
    let body, failed = false;
    try {
      const response = await fetch("/api/v1/chat", {
        method: "POST", headers: {"Content-Type": "application/json"},
        body: JSON.stringify({sender: saved.sender, message: message}),
      });
      failed = !response.ok;
      body = await response.json();
    } catch (error) {
      failed = true;
      body = {messages: [{text: "Connexion impossible. Réessayez dans un instant.", buttons: []}]};
    }
    status.textContent = "";
    let buttons = [];
    const messages = body.messages || [{text: body.erreur || "Erreur.", buttons: []}];
    // Not delivered: one tap sends the same message again, nothing to retype.
    if (failed) messages[messages.length - 1].buttons = [{title: "Réessayer", payload: message, shown: shown || message}];
    for (const m of messages) {
      addLine("assistant", m.text);
      saved.lines.push(["assistant", m.text]);
      if (m.buttons && m.buttons.length) buttons = m.buttons;
    }
    saved.buttons = buttons;
    showButtons(buttons);
    store();
  }

  for (const [who, text] of saved.lines) addLine(who, text);
  showButtons(saved.buttons || []);
  if (!saved.lines.length) send("Bonjour");

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });

  document.getElementById("effacer").addEventListener("click", async () => {
    await send("Effacer mes données");
    localStorage.removeItem(KEY);
    saved = fresh();
    list.replaceChildren();
    showButtons([]);
    status.textContent = "Vos données ont été effacées.";
  });
})();
