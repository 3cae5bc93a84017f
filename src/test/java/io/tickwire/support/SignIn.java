package io.tickwire.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs in and out the way a browser does, over plain HTTP: the login form with its CSRF token, then the session
 * cookie. For the users of {@code application-users.yml} (profile {@code users}).
 */
public final class SignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("(JSESSIONID=[^;]+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public SignIn(int port) {
        this.port = port;
    }

    /** The {@code Authorization} header of HTTP Basic. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Signs in with the login form; answers the {@code Cookie} header value of the signed-in session. */
    public String formLogin(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/login", null);
        return submitLogin(sessionCookie(form), csrfToken(form), user, password);
    }

    /** Signs in again in a session that is signed in already, as a second tab might; answers the new cookie. */
    public String formLoginAgain(String cookie, String user, String password) throws IOException, InterruptedException {
        return submitLogin(cookie, csrfToken(get("/login", cookie)), user, password);
    }

    private String submitLogin(String cookie, String csrfToken, String user, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> signedIn = http.send(request("/login", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password)
                        + "&_csrf=" + encode(csrfToken)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.statusCode() + " " + signedIn.headers().map());
        }
        // signing in gives the session a new id, against session fixation
        return sessionCookie(signedIn);
    }

    /** The session id in a {@code Cookie} header value. */
    public static String sessionId(String cookie) {
        return cookie.substring(cookie.indexOf('=') + 1);
    }

    /** Signs out with the logout form, as its button would; answers the status of the logout request. */
    public int logout(String cookie) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/logout", cookie);
        return http.send(request("/logout", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encode(csrfToken(form))))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        return http.send(request(path, cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html");
        return cookie == null ? request : request.header("Cookie", cookie);
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no session cookie in " + response.headers().map()));
    }

    private static String csrfToken(HttpResponse<String> form) {
        Matcher token = CSRF.matcher(form.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token in " + form.body());
        }
        return token.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
