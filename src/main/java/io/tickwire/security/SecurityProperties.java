package io.tickwire.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;
import java.util.Locale;

/**
 * Who may connect and what they may see.
 *
 * @param requireLogin {@code false}: market data is public, as on a public quote page; {@code true}: the page, the
 *        API and the socket need a signed-in user (form login in a browser, HTTP Basic for other clients)
 * @param users the users who may sign in, for small deployments; a {@link org.springframework.security.core.userdetails.UserDetailsService}
 *        bean of the application's own replaces them
 */
@ConfigurationProperties("tickwire.security")
@Validated
public record SecurityProperties(
        @DefaultValue("false") boolean requireLogin,
        @DefaultValue List<@Valid @NotNull User> users) {

    @AssertTrue(message = "users must not share a name")
    boolean isUserNamesDistinct() {
        return users == null || users.stream().map(user -> user.name().toLowerCase(Locale.ROOT)).distinct().count() == users.size();
    }

    /**
     * One user.
     *
     * @param name the name to sign in with
     * @param password the password's hash with its algorithm in front, such as {@code {bcrypt}$2a$10$...}; never the
     *        password itself
     * @param roles roles without the {@code ROLE_} prefix; {@code PUBLISHER} may {@code POST /api/ticks}
     * @param symbols the symbols this user may see, as names ({@code AAPL}) or patterns where {@code *} stands for
     *        any characters ({@code EUR*}); all of them unless set
     */
    public record User(
            @NotBlank String name,
            @NotNull @Pattern(regexp = "\\{(bcrypt|argon2|pbkdf2|scrypt)(@SpringSecurity_v5_8)?\\}.+",
                    message = "must be a slow hash with its algorithm in front, such as {bcrypt}$2a$10$... ({bcrypt}, {argon2}, {pbkdf2} or {scrypt}), not the password itself")
            String password,
            @DefaultValue List<@NotNull @Pattern(regexp = "(?!ROLE_)[A-Za-z0-9_]+",
                    message = "must be a role name without the ROLE_ prefix") String> roles,
            @DefaultValue("*") List<@NotNull @Pattern(regexp = SymbolPattern.SYNTAX,
                    message = "must be a symbol or a pattern with * (capitals, digits, ._:/-)") String> symbols) {
    }
}
