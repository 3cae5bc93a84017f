package io.tickwire.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Public reads only: the page, the read side of the HTTP API and the WebSocket handshake are open to anyone, and
 * everything else is denied until a later change brings authentication for publishers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http,
            @Value("${tickwire.websocket.path:/ws/ticker}") String webSocketPath) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/", "/index.html", "/*.js", "/*.css", "/*.png", "/*.svg", "/favicon.ico", "/error")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/api/symbols", "/api/symbols/**").permitAll()
                .requestMatchers(HttpMethod.GET, webSocketPath).permitAll()
                .anyRequest().denyAll());
        // With no login page to return to, a denied request must not start a session just to remember itself.
        http.requestCache(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /**
     * Nobody signs in yet. Any {@link UserDetailsService} bean stops Boot from creating a user with a generated
     * password and printing that password at startup.
     */
    @Bean
    UserDetailsService userDetailsService() {
        return new InMemoryUserDetailsManager();
    }
}
