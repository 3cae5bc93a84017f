package io.tickwire.security;

import io.tickwire.websocket.WebSocketProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.Http403ForbiddenEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import tools.jackson.databind.json.JsonMapper;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Who may reach what. Public mode ({@code tickwire.security.require-login=false}): the page, the API reads and the
 * socket are open to anyone. Login mode: they need a signed-in user, by form login (a session cookie, which the
 * socket's handshake carries) or by HTTP Basic. In both, publishing needs the {@code PUBLISHER} role; what an operator
 * reads (metrics, the status page and its data) needs the {@code ADMIN} role, since market data may be public but
 * how the node fares is not; health (without details) and info are open to anyone, for probes; everything else is
 * denied. The socket, the API and Actuator answer a missing login with 401, never with a redirect to a login page.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String REALM = "Tickwire";

    private static final String[] PAGE = { "/", "/index.html", "/*.js", "/*.css", "/*.png", "/*.svg", "/favicon.ico" };

    static final String STATUS_PAGE = "/status.html";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties security, WebSocketProperties websocket,
                                            JsonMapper json) throws Exception {
        boolean requireLogin = security.requireLogin();
        RequestMatcher socketApiAndActuator = new OrRequestMatcher(pathPattern(websocket.path()), pathPattern("/api/**"),
                EndpointRequest.toAnyEndpoint());
        RequestMatcher publish = pathPattern(HttpMethod.POST, "/api/ticks");
        RequestMatcher operations = new OrRequestMatcher(pathPattern(HttpMethod.GET, STATUS_PAGE),
                pathPattern(HttpMethod.GET, "/api/status"), EndpointRequest.to("metrics", "prometheus"));
        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers(publish).hasRole("PUBLISHER")
                    .requestMatchers(operations).hasRole("ADMIN")
                    // health details, for an ADMIN only, are management.endpoint.health.show-details' to decide
                    .requestMatchers(EndpointRequest.to("health", "info")).permitAll()
                    .requestMatchers("/error").permitAll();
            AuthorizationManager<RequestAuthorizationContext> readers = requireLogin
                    ? AuthenticatedAuthorizationManager.authenticated() : SingleResultAuthorizationManager.permitAll();
            requests.requestMatchers(PAGE).access(readers)
                    .requestMatchers(HttpMethod.GET, "/api/symbols", "/api/symbols/**").access(readers)
                    .requestMatchers(HttpMethod.GET, websocket.path()).access(readers)
                    .anyRequest().denyAll();
        });
        ApiProblems problems = new ApiProblems(json, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        http.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(problems));
        if (requireLogin) {
            http.formLogin(form -> form.permitAll());
            // only the page is worth returning to after signing in; a script, an icon or a handshake is not
            HttpSessionRequestCache pageRequests = new HttpSessionRequestCache();
            pageRequests.setRequestMatcher(new OrRequestMatcher(pathPattern(HttpMethod.GET, "/"),
                    pathPattern(HttpMethod.GET, "/index.html"), pathPattern(HttpMethod.GET, STATUS_PAGE)));
            http.requestCache(cache -> cache.requestCache(pageRequests));
        } else {
            // with no login page to return to, a denied request must not start a session just to remember itself
            http.requestCache(AbstractHttpConfigurer::disable);
        }
        http.exceptionHandling(exceptions -> answerRefusals(exceptions, requireLogin, socketApiAndActuator, problems, json));
        // Publishers are machines with HTTP Basic, which have no CSRF token to send. Exempting this one endpoint is
        // safe because it reads only application/json: a page of another site cannot send that without a CORS
        // preflight, which this server never answers, so no browser can be made to publish in a user's name.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(publish));
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(
                        ContentSecurityPolicy.forAllowedOrigins(websocket.allowedOrigins())))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    /**
     * On the socket, the API and Actuator, a missing login is a 401 problem with a Basic challenge, for the clients
     * that can answer one, and a refusal a 403 problem. The page's own requests (marked {@code X-Requested-With}) get
     * their 401 without the challenge, which would make the browser ask for a password in a dialog of its own. Any
     * other page goes to the login form in login mode; in public mode, where there is no login form, the status page
     * gets the Basic challenge (the browser's own dialog is how an operator signs in there) and any other page is
     * simply refused. These are registered as defaults rather than as the one entry point, which would stop Spring
     * Security from generating the login form; being first, they are consulted before those of form login and HTTP
     * Basic.
     */
    private static void answerRefusals(ExceptionHandlingConfigurer<HttpSecurity> exceptions, boolean requireLogin,
                                       RequestMatcher socketApiAndActuator, ApiProblems problems, JsonMapper json) {
        exceptions.defaultAuthenticationEntryPointFor(new ApiProblems(json, null),
                        new RequestHeaderRequestMatcher("X-Requested-With", "XMLHttpRequest"))
                .defaultAuthenticationEntryPointFor(problems, socketApiAndActuator);
        if (requireLogin) {
            exceptions.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE);
        } else {
            exceptions.defaultAuthenticationEntryPointFor(problems, pathPattern(STATUS_PAGE))
                    .defaultAuthenticationEntryPointFor(new Http403ForbiddenEntryPoint(), AnyRequestMatcher.INSTANCE);
        }
        // a signed-in user without the role learns which request was refused, rather than seeing an error page
        exceptions.defaultAccessDeniedHandlerFor(problems, new OrRequestMatcher(socketApiAndActuator, pathPattern(STATUS_PAGE)));
    }
}
