package org.mediwox.server.security.accounts;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * One page of the built-in server's sign-in pages (sign in, patient picker, registration, password reset, second
 * factor), in the patient's language: English or Spanish, chosen by a {@code lang} parameter (then kept in a cookie),
 * else the cookie, else {@code Accept-Language}. The pages are plain HTML written here with every value escaped
 * ({@link HtmlUtils#htmlEscape}): no template engine is started for six small pages. Texts come from {@code
 * pages*.properties} next to this class.
 */
public final class Page {

    /** The languages of the pages. */
    public static final List<String> LANGUAGES = List.of("en", "es");

    /** The cookie that keeps the language chosen on a page. */
    static final String LANGUAGE_COOKIE = "mediwox_lang";

    private static final String BUNDLE = "org.mediwox.server.security.accounts.pages";

    private final String language;
    private final ResourceBundle texts;
    private final HttpServletRequest request;
    private final StringBuilder body = new StringBuilder();

    private Page(String language, HttpServletRequest request) {
        this.language = language;
        this.texts = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language), CONTROL);
        this.request = request;
    }

    /** A page in the request's language; a {@code lang} parameter is also kept in the cookie for the next pages. */
    public static Page of(HttpServletRequest request, HttpServletResponse response) {
        String chosen = request.getParameter("lang");
        if (chosen != null && LANGUAGES.contains(chosen)) {
            Cookie cookie = new Cookie(LANGUAGE_COOKIE, chosen);
            cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
            cookie.setMaxAge(60 * 60 * 24 * 365);
            cookie.setHttpOnly(true);
            cookie.setSecure(request.isSecure());
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
            return new Page(chosen, request);
        }
        return new Page(language(request), request);
    }

    /** The request's language without a {@code lang} parameter: the cookie, else {@code Accept-Language}, else en. */
    public static String language(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (LANGUAGE_COOKIE.equals(cookie.getName()) && LANGUAGES.contains(cookie.getValue())) {
                    return cookie.getValue();
                }
            }
        }
        String accept = request.getHeader("Accept-Language");
        if (accept != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(accept)) {
                    String tag = range.getRange();
                    String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
                    if (LANGUAGES.contains(primary) && range.getWeight() > 0) {
                        return primary;
                    }
                }
            } catch (IllegalArgumentException e) {
                // a malformed header: English
            }
        }
        return "en";
    }

    public String language() {
        return language;
    }

    public Locale locale() {
        return Locale.forLanguageTag(language);
    }

    /** A text of the page's language, its {@code {0}}… filled with {@code arguments} (not escaped: see {@link #h}). */
    public String text(String key, Object... arguments) {
        String text = texts.getString(key);
        return arguments.length == 0 ? text : new MessageFormat(text, locale()).format(arguments);
    }

    /** Escapes a value for HTML text and attribute values. */
    public static String h(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value, "UTF-8");
    }

    /** Appends HTML as is: only for markup built here, never for a value from a request or a resource. */
    public Page html(String markup) {
        body.append(markup);
        return this;
    }

    /** Appends a text of the page's language, escaped. */
    public Page say(String key, Object... arguments) {
        body.append(h(text(key, arguments)));
        return this;
    }

    /** A paragraph of one text. */
    public Page paragraph(String key, Object... arguments) {
        return html("<p>").say(key, arguments).html("</p>");
    }

    /** A message that is announced when the page loads (errors, confirmations). */
    public Page alert(String id, String key, Object... arguments) {
        return html("<div class=\"alert\" role=\"alert\" id=\"" + h(id) + "\">")
                .say(key, arguments)
                .html("</div>");
    }

    /** A notice: not an error, announced politely. */
    public Page notice(String key, Object... arguments) {
        return html("<div class=\"notice\" role=\"status\">")
                .say(key, arguments)
                .html("</div>");
    }

    /** Opens a POST form to a path of this server, with the CSRF token. */
    public Page form(String path) {
        html("<form method=\"post\" action=\"" + h(request.getContextPath() + path) + "\" novalidate>");
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        if (csrf != null) {
            html("<input type=\"hidden\" name=\"" + h(csrf.getParameterName()) + "\" value=\"" + h(csrf.getToken())
                    + "\">");
        }
        return this;
    }

    /** A hidden field. */
    public Page hidden(String name, String value) {
        return html("<input type=\"hidden\" name=\"" + h(name) + "\" value=\"" + h(value) + "\">");
    }

    /**
     * A labelled input. {@code error} (a text key, or null) is shown under it and tied to it with {@code
     * aria-describedby}; {@code hint} likewise, before the error.
     */
    public Page field(
            String name,
            String type,
            String labelKey,
            String value,
            String autocomplete,
            String hintKey,
            String errorKey,
            boolean required) {
        String id = "f-" + name;
        StringBuilder describedBy = new StringBuilder();
        html("<div class=\"field\"><label for=\"" + id + "\">").say(labelKey);
        if (!required) {
            html(" <span class=\"optional\">").say("field.optional").html("</span>");
        }
        html("</label>");
        if (hintKey != null) {
            html("<p class=\"hint\" id=\"" + id + "-hint\">").say(hintKey).html("</p>");
            describedBy.append(id).append("-hint");
        }
        if (errorKey != null) {
            html("<p class=\"field-error\" id=\"" + id + "-error\">")
                    .say(errorKey)
                    .html("</p>");
            describedBy.append(describedBy.isEmpty() ? "" : " ").append(id).append("-error");
        }
        html("<input id=\"" + id + "\" name=\"" + h(name) + "\" type=\"" + h(type) + "\"");
        if (value != null && !"password".equals(type)) {
            html(" value=\"" + h(value) + "\"");
        }
        if (autocomplete != null) {
            html(" autocomplete=\"" + h(autocomplete) + "\"");
        }
        if (required) {
            html(" required aria-required=\"true\"");
        }
        if (errorKey != null) {
            html(" aria-invalid=\"true\"");
        }
        if (!describedBy.isEmpty()) {
            html(" aria-describedby=\"" + describedBy + "\"");
        }
        html(">");
        if ("password".equals(type)) {
            // a button (not a submit) that shows the password as text and back; script at the end of the page
            html("<button type=\"button\" class=\"secondary reveal\" data-reveal=\"" + id + "\" aria-controls=\"" + id
                            + "\" aria-pressed=\"false\">")
                    .say("password.show")
                    .html("</button>");
        }
        return html("</div>");
    }

    /** The form's main button. */
    public Page submit(String key) {
        return html("<button type=\"submit\" class=\"primary\">").say(key).html("</button>");
    }

    public Page endForm() {
        return html("</form>");
    }

    /** A link to a page of this server. */
    public Page link(String path, String key) {
        return html("<a class=\"action\" href=\"" + h(request.getContextPath() + path) + "\">")
                .say(key)
                .html("</a>");
    }

    /** The whole page: 200, never cached (it carries a CSRF token). */
    public ResponseEntity<String> render(String titleKey) {
        return render(200, titleKey);
    }

    public ResponseEntity<String> render(int status, String titleKey) {
        String title = h(text(titleKey));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        StringBuilder switcher = new StringBuilder("<nav aria-label=\"" + h(text("language.switch")) + "\"><ul>");
        for (String other : LANGUAGES) {
            String name = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(other), CONTROL)
                    .getString("language.name");
            String href = h(request.getContextPath() + path + "?lang=" + other + keptQuery());
            switcher.append("<li><a href=\"")
                    .append(href)
                    .append("\" lang=\"")
                    .append(other)
                    .append("\" hreflang=\"")
                    .append(other)
                    .append('"')
                    .append(other.equals(language) ? " aria-current=\"true\"" : "")
                    .append('>')
                    .append(h(name))
                    .append("</a></li>");
        }
        switcher.append("</ul></nav>");
        String html = "<!doctype html><html lang=\"" + language + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + " · Mediwox</title><style>" + STYLE + "</style></head><body>"
                + "<header><p class=\"brand\">Mediwox</p>" + switcher + "</header>"
                + "<main><h1>" + title + "</h1>" + body + "</main>"
                + "<script>" + SCRIPT + "</script></body></html>";
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Language", language)
                .body(html);
    }

    /** Query parameters a language switch keeps (a reset token, an error), without {@code lang}. */
    private String keptQuery() {
        StringBuilder kept = new StringBuilder();
        for (String name : List.of("token", "error", "sent")) {
            String value = request.getParameter(name);
            if (value != null) {
                kept.append('&')
                        .append(name)
                        .append('=')
                        .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return kept.toString();
    }

    /** Properties files in UTF-8, no fall back to the JVM's default locale. */
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /**
     * Colours checked for WCAG 2.2 AA contrast (text 4.5:1, controls 3:1); every control at least 44×44 CSS px; a
     * visible focus ring.
     */
    private static final String STYLE = "*{box-sizing:border-box}"
            + "body{margin:0;font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1b1f;"
            + "background:#f4f6f8}"
            + "header{display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:.5rem;"
            + "padding:.5rem 1rem;background:#0b4f8a;color:#fff}"
            + ".brand{margin:0;font-size:1.25rem;font-weight:700;letter-spacing:.02em}"
            + "header ul{display:flex;gap:.25rem;list-style:none;margin:0;padding:0}"
            + "header a{display:inline-flex;align-items:center;min-height:44px;min-width:44px;padding:0 .75rem;"
            + "color:#fff;border-radius:6px}"
            + "header a[aria-current]{font-weight:700;text-decoration:none;background:#093f6e}"
            + "main{max-width:28rem;margin:1.5rem auto;padding:1.5rem;background:#fff;border-radius:10px;"
            + "box-shadow:0 1px 3px rgba(0,0,0,.15)}"
            + "h1{font-size:1.5rem;margin:0 0 1rem}"
            + ".field{margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.25rem .5rem;align-items:center}"
            + "label{flex-basis:100%;font-weight:600}.optional{font-weight:400;color:#4a4f57}"
            + ".hint{flex-basis:100%;margin:0;color:#4a4f57;font-size:.9rem}"
            + ".field-error{flex-basis:100%;margin:0;color:#a4161a;font-weight:600}"
            + "input{flex:1 1 12rem;min-height:44px;padding:.5rem .75rem;font:inherit;color:inherit;"
            + "border:2px solid #5c6370;border-radius:6px;background:#fff}"
            + "input[aria-invalid=true]{border-color:#a4161a}"
            + "button,a.action{display:inline-flex;align-items:center;justify-content:center;min-height:44px;"
            + "min-width:44px;padding:.5rem 1rem;font:inherit;border-radius:6px;cursor:pointer}"
            + "button.primary{width:100%;margin-top:.5rem;border:0;background:#0b5cad;color:#fff;font-weight:600}"
            + "button.secondary{border:2px solid #0b5cad;background:#fff;color:#0b4f8a}"
            + "a{color:#0b4f8a}a.action{padding:.5rem .25rem}"
            + ".links{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;margin-top:1rem}"
            + ".choices{list-style:none;padding:0;margin:0}.choices li{margin:0 0 .5rem}"
            + ".choices button{width:100%;border:2px solid #0b5cad;background:#fff;color:#0b4f8a;font-weight:600}"
            + ".alert{margin:0 0 1rem;padding:.75rem 1rem;border-left:6px solid #a4161a;background:#fdecea;"
            + "color:#5c0a0d}"
            + ".notice{margin:0 0 1rem;padding:.75rem 1rem;border-left:6px solid #1b6e3a;background:#e8f5ec;"
            + "color:#0f3d20}"
            + "code{word-break:break-all;font-size:1rem}"
            + ".qr{display:block;width:12rem;height:12rem;margin:0 0 1rem}"
            + ".sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;"
            + "clip:rect(0,0,0,0);white-space:nowrap;border:0}"
            + ":focus-visible{outline:3px solid #ffbf47;outline-offset:2px}main :focus-visible{outline-color:#1b1b1f}";

    /** The show-password buttons. */
    private static final String SCRIPT = "document.querySelectorAll('[data-reveal]').forEach(function(b){"
            + "b.addEventListener('click',function(){var i=document.getElementById(b.dataset.reveal);"
            + "var shown=i.type==='password';i.type=shown?'text':'password';"
            + "b.setAttribute('aria-pressed',String(shown));});});";
}
