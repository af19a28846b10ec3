"""Registration and check-in pages, kernel-free: `/reg/CODE` (a phone-sized form with the
consent; the answer shows the person's QR code) and `/checkin/TOKEN` (staff, logged in with the
facilitator's token, open the QR code's link at the door). Rules in
`workbench.session.registration`."""

from __future__ import annotations

import secrets
from urllib.parse import quote, urlencode

import tornado.web
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import JupyterHandler

from workbench.errors import WorkbenchError
from workbench.i18n import LANGS, t
from workbench.session import lifecycle, registration
from workbench.session.model import MAX_FIELD, SECTORS
from workbench.util import esc
from workbench.web.api import CODE_RE, page_lang, take_session_lang
from workbench.web.public import PageErrors, _page, refusal_page

CSS = """<style>body{font:18px/1.4 sans-serif;max-width:30em;margin:0 auto;padding:12px;color:#222;overflow-wrap:anywhere}
h1{font-size:22px;color:#1f4e79}label{display:block;margin:8px 0 2px}input,select{font:inherit;width:100%;box-sizing:border-box;padding:4px}
.consent{display:flex;gap:8px;align-items:flex-start;font-size:14px;background:#f4f6fa;padding:8px;border-radius:6px;margin:10px 0}
.consent input{width:auto;margin-top:4px}.err,.offline{color:#8a1f11;background:#fde2e1;padding:6px 10px;border-radius:6px}
.hint{color:#555;font-size:14px}.when{color:#555;margin-top:-8px}
.join{display:inline-block;background:#1f4e79;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-size:20px}button{font-size:18px;padding:8px 16px}img.qr{width:260px;height:260px}
#lang{float:right;display:inline-flex;align-items:center;justify-content:center;box-sizing:border-box;min-height:44px;
min-width:44px;padding:0 12px;margin:0 0 6px 8px;border:1px solid #1f4e79;color:#1f4e79;font-weight:bold;
border-radius:4px;font-size:15px;text-decoration:none}
@media (prefers-color-scheme: dark) {:root{color-scheme:dark}body{background:#111316;color:#e6e6e6}
h1{color:#8ec1f0}.hint,.when{color:#aab2bb}.consent{background:#1d2025}.err,.offline{color:#ffc9c4;background:#4a1c1a}
input,select{background:#1d2025;color:#e6e6e6;border:1px solid #8a929c}button{background:#3a74b0;color:#fff;border:1px solid #8ec1f0;border-radius:4px}
.join{background:#3a74b0}#lang{border-color:#8ec1f0;color:#8ec1f0}img.qr{background:#fff}}</style>"""


def event_line(session: dict, lang: str) -> str:
    """The event's date in words and its place («12 декабря 2026 г. · Плесецкий округ»), if given."""
    from workbench.dates import long_date

    parts = [x for x in (long_date(session.get("date"), lang), session.get("territory") or "") if x]
    return f"<p class='when' data-event>{esc(' · '.join(parts))}</p>" if parts else ""


def form_html(session: dict, lang: str, values: dict, error: str = "", field: str = "") -> str:
    L = lambda key, **p: t(key, lang, **p)  # noqa: E731
    v = lambda k: esc(values.get(k, ""))  # noqa: E731
    options = "".join(f"<option value='{s}'{' selected' if values.get('sector') == s else ''}>"
                      f"{esc(L('sector_' + s))}</option>" for s in SECTORS)
    other = next(x for x in LANGS if x != lang)
    # The language switch of the phone page; the choice stays in the link (`?lang=`), the form sends it on
    switch = f"<a id='lang' href='?lang={other}' lang='{other}'>{esc(L('language'))}</a>"
    request = values.get("request") or secrets.token_urlsafe(16)  # the same form sent again is one registration
    return (f"{CSS}</head><body>{switch}<h1>{esc(L('reg_title'))}: {esc(session['title'])}</h1>"
            + event_line(session, lang)
            + (f"<p class='err' id='reg-error' role='alert' tabindex='-1' data-field='{esc(field)}'>{esc(error)}</p>"
               if error else "")
            + f"<form method='post'><input type='hidden' name='lang' value='{lang}'>"
            f"<input type='hidden' name='request' value='{esc(request)}'>"
            f"<label>{esc(L('field_name'))} *<input name='name' maxlength='{MAX_FIELD}' value='{v('name')}' required></label>"
            f"<label>{esc(L('field_territory'))}<input name='territory' maxlength='{MAX_FIELD}' value='{v('territory')}'></label>"
            f"<label>{esc(L('field_organisation'))}<input name='organisation' maxlength='{MAX_FIELD}' value='{v('organisation')}'></label>"
            f"<label>{esc(L('field_sector'))}<select name='sector'><option value=''>—</option>{options}</select></label>"
            f"<p class='hint'>{esc(L('reg_contacts_hint'))}</p>"
            f"<label>{esc(L('reg_email'))}<input name='email' maxlength='{MAX_FIELD}' type='email' value='{v('email')}'></label>"
            f"<label>{esc(L('reg_phone'))}<input name='phone' maxlength='{MAX_FIELD}' type='tel' value='{v('phone')}'></label>"
            f"<label class='consent'><input type='checkbox' name='consent' value='yes'"
            f"{' checked' if values.get('consent') == 'yes' else ''}>"
            f"<span>{esc(registration.consent_text(session, lang))}</span></label>"
            f"<button>{esc(L('reg_submit'))}</button>"
            f"<p class='offline' id='reg-offline' role='alert' hidden>{esc(L('reg_offline'))}</p>"
            f"</form>{KEEP_TYPED}{SEND_WHEN_ONLINE}{INVALID_FIELD}</body>")


# A refused form: the field the error is about says so (aria-invalid, the error as its description)
# and has the focus, so a screen reader reads the field and why; no such field: the error has it.
FIELD_OF_ERROR = {"reg_name_required": "name", "reg_email_invalid": "email", "reg_phone_invalid": "phone",
                  "reg_consent_required": "consent"}
INVALID_FIELD = """<script>
(function () {
  var err = document.getElementById('reg-error'), name = err && err.getAttribute('data-field');
  var field = name && document.querySelector('form').elements[name];
  if (field) { field.setAttribute('aria-invalid', 'true'); field.setAttribute('aria-describedby', 'reg-error'); field.focus(); }
  else if (err) err.focus();
})();
</script>"""


# The language switch reloads the page: what was typed travels in this tab's sessionStorage (never
# in the link, which would put an e-mail or a phone number in the server's logs) and is put back.
# So does a sent form, until the server has registered it (a 503 while the database restarts).
KEEP_TYPED = """<script>
(function () {
  var key = 'wb-reg-typed', form = document.querySelector('form'), fields = ['name', 'territory',
      'organisation', 'sector', 'email', 'phone'];
  try {
    var kept = JSON.parse(sessionStorage.getItem(key) || 'null');
    sessionStorage.removeItem(key);
    if (kept) fields.forEach(function (f) { if (kept[f] && !form.elements[f].value) form.elements[f].value = kept[f]; });
  } catch (e) {}
  function keep() {
    var typed = {};
    fields.forEach(function (f) { typed[f] = form.elements[f].value; });
    try { sessionStorage.setItem(key, JSON.stringify(typed)); } catch (e) {}
  }
  document.getElementById('lang').addEventListener('click', keep);
  form.addEventListener('submit', keep);  // a server that could not take it: the form comes back filled
})();
</script>"""


# A form sent while the laptop's server is down (restarting, its lid closed) left the phone on
# the browser's own «This site can't be reached»: the form asks the server first and, when it does
# not answer, says so under the button (what was typed stays in the fields) and goes by itself once
# the server answers again (the request id makes a form sent twice one registration).
SEND_WHEN_ONLINE = """<script>
(function () {
  var form = document.querySelector('form'), box = document.getElementById('reg-offline');
  var RETRY = 3000, reached = false, trying = false;
  function reach() {
    return fetch(location.pathname + location.search, {cache: 'no-store', credentials: 'same-origin'})
      .then(function (r) { return r.status < 500; }, function () { return false; });
  }
  function attempt() {
    reach().then(function (up) {
      if (!up) { box.hidden = false; setTimeout(attempt, RETRY); return; }
      trying = false; reached = true; box.hidden = true;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
  }
  form.addEventListener('submit', function (e) {
    if (reached) return;  // the server answered just now: the form goes
    e.preventDefault();
    if (!trying) { trying = true; attempt(); }
  });
})();
</script>"""


class RegisterHandler(PageErrors, JupyterHandler):
    """`/reg/CODE`: public (no login asked), but a browser logged in with the facilitator's token
    (an assistant typing in walk-ins on one staff phone) is not slowed down."""

    def initialize(self, wb, limits=None):
        self.wb = wb
        self.limits = limits or {}

    def _limit(self):
        """The registration limit of this request's client address: a device's (a phone on the
        laptop's Wi-Fi, `ratelimit.one_device`) or, ten times larger, a room's address behind a
        trusted proxy (an office NAT registering its staff); none for staff, logged in."""
        from workbench.web.ratelimit import client_address, one_device

        if self.current_user:  # the facilitator's cookie (or token): staff typing for others
            return None
        s = self.wb.settings
        trusted = [a.strip() for a in str(s["trusted_proxies"]).split(",") if a.strip()]
        peer = self.request.remote_ip
        address = client_address(peer, self.request.headers.get("X-Forwarded-For"), trusted)
        limit = self.limits.get("device" if one_device(peer, trusted, s["addresses_are_devices"]) else "room")
        return (lambda: limit.check(address)) if limit is not None else None

    def check_xsrf_cookie(self):
        return None  # a public form without a login: there is no session to ride on

    def _session(self, code):
        try:
            session = lifecycle.open_session(self.wb.store, code)
            take_session_lang(self, self.wb.store, session["id"], self.wb.settings["lang"])
            return session
        except WorkbenchError as exc:
            refusal_page(self, exc)
            return None

    @allow_unauthenticated
    def get(self, code):
        session = self._session(code)
        if session is not None:
            _page(self, t("reg_title", page_lang(self)), form_html(session, page_lang(self), {}))

    @allow_unauthenticated
    def post(self, code):
        session = self._session(code)
        if session is None:
            return
        lang = page_lang(self)
        values = {k: self.get_body_argument(k, "") for k in ("name", "territory", "organisation", "sector",
                                                              "email", "phone", "consent", "request")}
        try:
            reg = registration.register(self.wb.store, session["code"],
                                        {**values, "consent": values["consent"] == "yes"}, lang, limit=self._limit(),
                                        request_id=values["request"] or None)
        except lifecycle.SessionArchived as exc:  # archived while the form was open
            refusal_page(self, exc)
            return
        except WorkbenchError as exc:
            _page(self, t("reg_title", lang), form_html(session, lang, values, exc.message(lang),
                                                        FIELD_OF_ERROR.get(getattr(exc, "key", ""), "")), exc.status)
            return
        # The answer is a page of its own (post, redirect, get): reloading it sends nothing again
        self.redirect(f"{self.request.path.rstrip('/')}/{reg['token']}?lang={lang}", status=303)


class RegisteredHandler(PageErrors, JupyterHandler):
    """`/reg/CODE/TOKEN`: the answer to a registration, the person's QR code for the door, the
    event's date and place, and the link to join the session on the day."""

    def initialize(self, wb):
        self.wb = wb

    @allow_unauthenticated
    def get(self, code, token):
        lang = page_lang(self)
        try:
            session, reg = registration.registered(self.wb.store, code, token)
            lang = take_session_lang(self, self.wb.store, session["id"], self.wb.settings["lang"])
        except WorkbenchError as exc:
            refusal_page(self, exc)
            return
        import segno

        base = f"{self.request.protocol}://{self.request.host}{self.request.path.rsplit('/' + registration.REGISTER_PATH, 1)[0]}"
        url = f"{base}/{registration.CHECKIN_PATH}{reg['checkin_token']}"
        qr = segno.make(url, error="m").svg_data_uri(scale=6)
        # «Войти в сессию»: the phone page's form comes filled with what was registered (in the
        # #fragment, which browsers never send: no name or place in a server's log), and the
        # registration's token (this page's own address holds it) goes with the join: the door
        # and the phone are one person whatever name the phone gives (`registration.joined_from`)
        join = f"{base}/s/{session['code']}#" + urlencode(
            {**{k: reg[k] for k in registration.LIST_FIELDS if reg[k]}, "reg": reg["checkin_token"]},
            quote_via=quote)
        another = (f"<p><a href='{esc(self.request.path.rsplit('/', 1)[0])}?lang={lang}' data-another>"
                   f"{esc(t('reg_another', lang))}</a></p>" if self.current_user else "")
        _page(self, t("reg_title", lang),
              f"{CSS}</head><body><h1>{esc(session['title'])}</h1>{event_line(session, lang)}"
              f"<p data-registered>{esc(reg['name'])}</p>"
              f"<p>{esc(t('reg_done', lang))}</p><img class='qr' alt='QR' src='{qr}'>"
              f"<p class='hint'>{esc(t('reg_join_hint', lang))}</p>"
              f"<p><a class='join' href='{esc(join)}' data-join>{esc(t('reg_join_session', lang))}</a></p>{another}"
              "<script>try { sessionStorage.removeItem('wb-reg-typed'); } catch (e) {}</script></body>")


class CheckInHandler(PageErrors, JupyterHandler):
    """Staff at the door: the facilitator's login (cookie or `?token=`) is required."""

    def initialize(self, wb):
        self.wb = wb

    @tornado.web.authenticated
    def get(self, token):
        lang = page_lang(self)
        try:
            reg = registration.check_in(self.wb.store, token)
            lang = take_session_lang(self, self.wb.store, reg.get("session_id"), self.wb.settings["lang"])
        except WorkbenchError as exc:
            refusal_page(self, exc)
            return
        if reg["already"]:  # a second scan: say when they came, do not pretend it is news
            text = t("checkin_already", lang, name=reg["name"], at=registration.clock(reg["checked_in_at"]))
            _page(self, text, f"{CSS}</head><body><h1 data-checked-in data-already>{esc(text)}</h1></body>")
            return
        text = t("checkin_done", lang, name=reg["name"])
        _page(self, text, f"{CSS}</head><body><h1 data-checked-in>{esc(text)}</h1></body>")


def routes(wb) -> list:
    """The routes `workbench.web.server` adds for registration and check-in."""
    from workbench.session.limits import SharedLimit

    s = wb.settings
    burst, rate = s["registration_burst"], s["registration_per_minute"]
    limits = {"device": SharedLimit(wb.store, "registration-device", burst, rate),
              "room": SharedLimit(wb.store, "registration", burst * 10, rate * 10)} if burst else {}
    return [
        (rf"/{registration.REGISTER_PATH}({CODE_RE})", RegisterHandler, {"wb": wb, "limits": limits}),
        (rf"/{registration.REGISTER_PATH}({CODE_RE})/([A-Za-z0-9_-]{{16,64}})", RegisteredHandler, {"wb": wb}),
        (rf"/{registration.CHECKIN_PATH}([A-Za-z0-9_-]{{16,64}})", CheckInHandler, {"wb": wb}),
    ]
