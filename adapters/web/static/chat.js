// Wegwijzer chat page: talks to POST /api/messages like Teams does (deliveryMode expectReplies)
// and renders the replies. Every text from the bot or the user goes in with textContent.
"use strict";

(() => {
  const TEXT = {
    nl: {
      title: "Wegwijzer – proberen zonder Teams",
      subtitle: "Proberen zonder Teams",
      skip: "Naar het invoerveld",
      transcript: "Gesprek",
      label: "Je bericht",
      placeholder: "Typ je vraag…",
      send: "Verstuur",
      toggle: "English",
      toggleLang: "en",
      you: "Jij",
      bot: "Wegwijzer",
      busy: "Wegwijzer typt…",
      devNone: "Ontwikkelaar: nog geen knowledge.match",
      dev: "Ontwikkelaar: onderwerp {topic} · score {score}",
      unreachable: "De bot is niet bereikbaar. Draait de server nog?",
      status: "De bot antwoordde met HTTP-status {status}.",
      attachment: "(Een bijlage van het type {type} kan deze pagina niet tonen.)",
      newWindow: "(opent in een nieuw venster)",
    },
    en: {
      title: "Wegwijzer – try it without Teams",
      subtitle: "Try it without Teams",
      skip: "Skip to the message field",
      transcript: "Conversation",
      label: "Your message",
      placeholder: "Type your question…",
      send: "Send",
      toggle: "Nederlands",
      toggleLang: "nl",
      you: "You",
      bot: "Wegwijzer",
      busy: "Wegwijzer is typing…",
      devNone: "Developer: no knowledge.match yet",
      dev: "Developer: topic {topic} · score {score}",
      unreachable: "Cannot reach the bot. Is the server still running?",
      status: "The bot answered with HTTP status {status}.",
      attachment: "(This page cannot show an attachment of type {type}.)",
      newWindow: "(opens in a new window)",
    },
  };
  const CARD_TYPE = "application/vnd.microsoft.card.adaptive";
  const LINK_SCHEMES = ["http:", "https:", "tel:", "mailto:"];
  const BOT = { id: "wegwijzer", name: "Wegwijzer" };

  const $ = (id) => document.getElementById(id);
  const transcript = $("transcript");
  const input = $("message");
  const suggestions = $("suggestions");
  const busy = $("busy");
  const devStatus = $("dev-status");
  const toggle = $("lang-toggle");

  const stored = (key, make) => {
    try {
      const value = sessionStorage.getItem(key) || make();
      sessionStorage.setItem(key, value);
      return value;
    } catch {
      return make(); // storage disabled: fine, just not remembered
    }
  };
  const randomId = (prefix) =>
    prefix + Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");

  const conversationId = randomId("web-"); // a new conversation on every page load
  const userId = stored("wegwijzer.user", () => randomId("web-user-"));
  let locale = stored("wegwijzer.locale", () => "nl-NL") === "en-US" ? "en-US" : "nl-NL";
  let lastMatch = null;
  let pending = 0;
  let queue = Promise.resolve();
  let uid = 0;

  const lang = () => (locale === "en-US" ? "en" : "nl");
  const T = () => TEXT[lang()];
  const fmt = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const lower = (value) => String(value ?? "").toLowerCase();
  const nextId = () => `ww-${++uid}`;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ---- talking to the bot ----

  function activity(type, extra) {
    return {
      type,
      id: randomId(""),
      channelId: "emulator",
      serviceUrl: "http://127.0.0.1:9/",
      conversation: { id: conversationId, conversationType: "personal" },
      from: { id: userId, name: T().you },
      recipient: BOT,
      locale,
      deliveryMode: "expectReplies",
      ...extra,
    };
  }

  function send(act) {
    queue = queue.then(() => post(act)); // one turn at a time, replies in order
    return queue;
  }

  async function post(act) {
    setBusy(+1);
    try {
      const response = await fetch("/api/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(act),
        cache: "no-store",
      });
      if (response.status !== 200) {
        addBubble("system", [el("p", "text", fmt(T().status, { status: response.status }))]);
        return;
      }
      const body = await response.json();
      showReplies(Array.isArray(body && body.activities) ? body.activities : []);
    } catch {
      addBubble("system", [el("p", "text", T().unreachable)]);
    } finally {
      setBusy(-1);
    }
  }

  function say(text) {
    addBubble("user", [el("p", "text", text)]);
    suggestions.replaceChildren();
    return send(activity("message", { text }));
  }

  function submitValue(title, value) {
    addBubble("user", [el("p", "text", title || "…")]);
    suggestions.replaceChildren();
    return send(activity("message", { value }));
  }

  function setBusy(delta) {
    pending += delta;
    busy.hidden = pending === 0;
    transcript.setAttribute("aria-busy", String(pending > 0));
  }

  // ---- the transcript ----

  function addBubble(who, nodes) {
    const item = el("div", `msg msg--${who}`);
    const speaker = who === "user" ? T().you : T().bot;
    if (who !== "system") item.append(el("span", "visually-hidden", `${speaker}: `));
    item.append(...nodes);
    transcript.append(item);
    transcript.scrollTop = transcript.scrollHeight;
    return item;
  }

  function showReplies(activities) {
    for (const act of activities) {
      if (!act || typeof act !== "object") continue;
      if (act.type === "trace") {
        if (act.name === "knowledge.match") showMatch(act.value);
        continue;
      }
      if (act.type !== "message") continue;
      const parts = [];
      if (typeof act.text === "string" && act.text) parts.push(el("p", "text", act.text));
      for (const attachment of Array.isArray(act.attachments) ? act.attachments : []) {
        parts.push(renderAttachment(attachment));
      }
      if (parts.length) addBubble("bot", parts);
      const suggested = act.suggestedActions && act.suggestedActions.actions;
      if (Array.isArray(suggested)) showSuggestions(suggested);
    }
  }

  function showMatch(value) {
    if (!value || typeof value !== "object") return;
    lastMatch = { topic: String(value.topic ?? "?"), score: String(value.score ?? "?") };
    renderDevStatus();
  }

  function renderDevStatus() {
    devStatus.textContent = lastMatch ? fmt(T().dev, lastMatch) : T().devNone;
  }

  function showSuggestions(actions) {
    suggestions.replaceChildren();
    for (const action of actions) {
      if (!action || typeof action !== "object") continue;
      const title = String(action.title ?? action.value ?? "");
      if (action.type === "openUrl") {
        suggestions.append(link(title, action.value));
      } else if (action.value && typeof action.value === "object") {
        suggestions.append(button(title, () => submitValue(title, action.value)));
      } else {
        const text = typeof action.value === "string" && action.value ? action.value : title;
        suggestions.append(button(title, () => say(text)));
      }
    }
  }

  // ---- Adaptive Cards: a small, safe subset ----

  function renderAttachment(attachment) {
    if (attachment && attachment.contentType === CARD_TYPE && attachment.content && typeof attachment.content === "object") {
      return renderCard(attachment.content, null);
    }
    return el("p", "note", fmt(T().attachment, { type: String(attachment && attachment.contentType) }));
  }

  // A scope holds the inputs of one card; Action.Submit also collects those of the cards around it.
  function renderCard(card, parentScope) {
    const scope = { inputs: [], parent: parentScope };
    const root = el("div", "card");
    renderItems(card.body, root, scope);
    const actions = renderActions(card.actions, scope);
    if (actions) root.append(actions);
    return root;
  }

  function renderItems(items, parent, scope) {
    if (!Array.isArray(items)) return;
    for (const item of items) {
      if (!item || typeof item !== "object" || item.isVisible === false) continue;
      const render = ELEMENTS[item.type];
      const node = render ? render(item, scope) : null;
      if (!node) continue;
      if (item.separator) node.classList.add("separator");
      parent.append(node);
    }
  }

  function textClasses(item) {
    const classes = ["tb"];
    if (lower(item.weight) === "bolder" || lower(item.style) === "heading") classes.push("tb-bold");
    const size = lower(item.size);
    if (["small", "medium", "large", "extralarge"].includes(size)) classes.push(`tb-${size}`);
    if (item.isSubtle) classes.push("tb-subtle");
    const color = lower(item.color);
    if (["accent", "good", "warning", "attention", "light", "dark"].includes(color)) classes.push(`tb-${color}`);
    return classes.join(" ");
  }

  function labelled(item, control) {
    const field = el("div", "field");
    const text = item.label ?? "";
    if (text) {
      const label = el("label", "field-label", text);
      label.htmlFor = control.id;
      field.append(label);
    } else {
      control.setAttribute("aria-label", String(item.placeholder || item.id || ""));
    }
    if (item.isRequired) control.required = true;
    field.append(control);
    return field;
  }

  function addInput(scope, id, read) {
    if (typeof id === "string" && id) scope.inputs.push([id, read]);
  }

  const ELEMENTS = {
    TextBlock: (item) => el("p", textClasses(item), item.text ?? ""),
    RichTextBlock: (item) => {
      const p = el("p", "tb");
      for (const inline of Array.isArray(item.inlines) ? item.inlines : []) {
        p.append(typeof inline === "string" ? el("span", "", inline) : el("span", textClasses(inline || {}), inline && inline.text));
      }
      return p;
    },
    FactSet: (item) => {
      const list = el("dl", "facts");
      for (const fact of Array.isArray(item.facts) ? item.facts : []) {
        if (fact && typeof fact === "object") list.append(el("dt", "", fact.title ?? ""), el("dd", "", fact.value ?? ""));
      }
      return list;
    },
    Container: (item, scope) => {
      const box = el("div", lower(item.style) === "emphasis" ? "container emphasis" : "container");
      renderItems(item.items, box, scope);
      return box;
    },
    ColumnSet: (item, scope) => {
      const row = el("div", "columns");
      for (const column of Array.isArray(item.columns) ? item.columns : []) {
        if (!column || typeof column !== "object") continue;
        const cell = el("div", "column");
        renderItems(column.items, cell, scope);
        row.append(cell);
      }
      return row;
    },
    Image: (item) => {
      const url = String(item.url ?? "");
      const alt = String(item.altText ?? "");
      if (!/^(https:\/\/|data:image\/)/i.test(url)) return alt ? el("p", "note", alt) : null;
      const image = el("img", "image");
      image.alt = alt;
      image.referrerPolicy = "no-referrer";
      image.src = url;
      return image;
    },
    ActionSet: (item, scope) => renderActions(item.actions, scope),
    "Input.Text": (item, scope) => {
      const control = el(item.isMultiline ? "textarea" : "input", "control");
      if (!item.isMultiline) control.type = "text";
      control.id = nextId();
      control.value = String(item.value ?? "");
      control.placeholder = String(item.placeholder ?? "");
      if (Number(item.maxLength) > 0) control.maxLength = Number(item.maxLength);
      addInput(scope, item.id, () => control.value);
      return labelled(item, control);
    },
    "Input.ChoiceSet": (item, scope) => {
      const choices = (Array.isArray(item.choices) ? item.choices : []).filter((c) => c && typeof c === "object");
      const chosen = new Set(String(item.value ?? "").split(",").filter(Boolean));
      const multi = Boolean(item.isMultiSelect);
      if (multi || lower(item.style) === "expanded") {
        const group = el("fieldset", "field choices");
        group.append(el("legend", "field-label", item.label || item.placeholder || item.id || ""));
        const name = nextId();
        const boxes = choices.map((choice) => {
          const box = el("input");
          box.type = multi ? "checkbox" : "radio";
          box.name = name;
          box.value = String(choice.value ?? "");
          box.checked = chosen.has(box.value);
          const label = el("label", "choice");
          label.append(box, document.createTextNode(` ${choice.title ?? box.value}`));
          group.append(label);
          return box;
        });
        addInput(scope, item.id, () => boxes.filter((b) => b.checked).map((b) => b.value).join(","));
        return group;
      }
      const select = el("select", "control");
      select.id = nextId();
      const empty = el("option", "", item.placeholder ?? "");
      empty.value = "";
      select.append(empty);
      for (const choice of choices) {
        const option = el("option", "", choice.title ?? choice.value ?? "");
        option.value = String(choice.value ?? "");
        option.selected = chosen.has(option.value);
        select.append(option);
      }
      addInput(scope, item.id, () => select.value);
      return labelled(item, select);
    },
    "Input.Toggle": (item, scope) => {
      const on = String(item.valueOn ?? "true");
      const off = String(item.valueOff ?? "false");
      const box = el("input");
      box.type = "checkbox";
      box.checked = String(item.value ?? off) === on;
      const label = el("label", "field choice");
      label.append(box, document.createTextNode(` ${item.title ?? item.label ?? ""}`));
      addInput(scope, item.id, () => (box.checked ? on : off));
      return label;
    },
  };

  function collectInputs(scope) {
    const values = scope.parent ? collectInputs(scope.parent) : {};
    for (const [id, read] of scope.inputs) values[id] = read();
    return values;
  }

  function renderActions(actions, scope) {
    if (!Array.isArray(actions) || actions.length === 0) return null;
    const wrap = el("div", "actions-wrap");
    const row = el("div", "actions");
    wrap.append(row);
    for (const action of actions) {
      if (!action || typeof action !== "object") continue;
      const title = String(action.title ?? "");
      if (action.type === "Action.Submit") {
        row.append(button(title, () => submitAction(action, scope, title)));
      } else if (action.type === "Action.OpenUrl") {
        row.append(link(title, action.url));
      } else if (action.type === "Action.ShowCard" && action.card && typeof action.card === "object") {
        const panel = renderCard(action.card, scope);
        panel.classList.add("showcard");
        panel.id = nextId();
        panel.hidden = true;
        const opener = button(title, () => {
          panel.hidden = !panel.hidden;
          opener.setAttribute("aria-expanded", String(!panel.hidden));
        });
        opener.setAttribute("aria-expanded", "false");
        opener.setAttribute("aria-controls", panel.id);
        row.append(opener);
        wrap.append(panel);
      }
    }
    return wrap;
  }

  // Like Teams and Web Chat: string data is sent as text, object data as value with the card's inputs merged in.
  function submitAction(action, scope, title) {
    const data = action.data;
    if (typeof data === "string") return say(data);
    const base = data && typeof data === "object" && !Array.isArray(data) ? data : {};
    return submitValue(title, { ...base, ...collectInputs(scope) });
  }

  function button(title, onClick) {
    const node = el("button", "btn", title);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function link(title, url) {
    let parsed = null;
    try {
      parsed = new URL(String(url ?? ""));
    } catch {
      parsed = null;
    }
    if (!parsed || !LINK_SCHEMES.includes(parsed.protocol)) return el("span", "btn btn-disabled", title);
    const anchor = el("a", "btn btn-link", title || parsed.href);
    anchor.href = parsed.href;
    anchor.target = "_blank";
    anchor.rel = "noopener noreferrer";
    anchor.append(el("span", "visually-hidden", ` ${T().newWindow}`));
    return anchor;
  }

  // ---- page chrome ----

  function applyLanguage() {
    const text = T();
    document.documentElement.lang = lang();
    document.title = text.title;
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = text[node.dataset.i18n];
    input.placeholder = text.placeholder;
    transcript.setAttribute("aria-label", text.transcript);
    toggle.textContent = text.toggle;
    toggle.lang = text.toggleLang;
    renderDevStatus();
  }

  toggle.addEventListener("click", () => {
    locale = locale === "en-US" ? "nl-NL" : "en-US";
    try {
      sessionStorage.setItem("wegwijzer.locale", locale);
    } catch {
      // not remembered; fine
    }
    applyLanguage();
  });

  $("skip").addEventListener("click", (event) => {
    event.preventDefault();
    input.focus();
  });

  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    say(text);
  });

  applyLanguage();
  send(activity("conversationUpdate", { membersAdded: [{ id: BOT.id }] }));
})();
