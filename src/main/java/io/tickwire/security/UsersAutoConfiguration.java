package io.tickwire.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The users of {@code tickwire.security.users} and what they may see, unless the application defines its own
 * {@link UserDetailsService} or {@link SymbolEntitlements}. Runs before Boot's user configuration, whose single user
 * with a generated password (printed at startup) must never exist here.
 */
@AutoConfiguration(before = UserDetailsServiceAutoConfiguration.class)
@EnableConfigurationProperties(SecurityProperties.class)
public class UsersAutoConfiguration {

    /** The hashes are checked by the delegating password encoder, which reads the algorithm from their prefix. */
    @Bean
    @ConditionalOnMissingBean
    UserDetailsService userDetailsService(SecurityProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (SecurityProperties.User user : properties.users()) {
            users.createUser(User.withUsername(user.name())
                    .password(user.password())
                    .roles(user.roles().toArray(String[]::new))
                    .build());
        }
        return users;
    }

    @Bean
    @ConditionalOnMissingBean
    SymbolEntitlements symbolEntitlements(SecurityProperties properties) {
        return new ConfiguredSymbolEntitlements(properties);
    }
}
