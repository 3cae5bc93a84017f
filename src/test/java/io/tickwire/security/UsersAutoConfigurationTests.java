package io.tickwire.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.security.Principal;

import static org.assertj.core.api.Assertions.assertThat;

class UsersAutoConfigurationTests {

    private static final String BOB_HASH = "{bcrypt}$2a$04$ecjhd0ixoBljw0t11fvIeOR8BpgyB3pJFaKk7b5fbX/EpoF5SEvB6";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UsersAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class));

    @Test
    void noUsersAndEverythingPublicByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(UserDetailsService.class).hasSingleBean(SymbolEntitlements.class);
            assertThat(context.getBean(SecurityProperties.class).requireLogin()).isFalse();
            assertThat(context.getBean(SymbolEntitlements.class).isEntitled(null, "AAPL")).isTrue();
        });
    }

    @Test
    void configuredUsersSignInWithTheirHashedPasswordAndRoles() {
        runner.withPropertyValues("tickwire.security.users[0].name=bob", "tickwire.security.users[0].password=" + BOB_HASH,
                "tickwire.security.users[0].roles=PUBLISHER", "tickwire.security.users[1].name=alice",
                "tickwire.security.users[1].password=" + BOB_HASH, "tickwire.security.users[1].symbols=AAPL,EUR*")
                .run(context -> {
                    UserDetails bob = context.getBean(UserDetailsService.class).loadUserByUsername("bob");
                    assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
                            .matches("bob-secret", bob.getPassword())).isTrue();
                    assertThat(bob.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_PUBLISHER");
                    SymbolEntitlements entitlements = context.getBean(SymbolEntitlements.class);
                    assertThat(entitlements.isEntitled(named("bob"), "MSFT")).isTrue();
                    assertThat(entitlements.isEntitled(named("alice"), "EURUSD")).isTrue();
                    assertThat(entitlements.isEntitled(named("alice"), "MSFT")).isFalse();
                });
    }

    @Test
    void hashesOfHtpasswdAreAccepted() {
        // the example of PHP's password_verify, in htpasswd's $2y$ form, for the password "rasmuslerdorf"
        String htpasswd = "{bcrypt}$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a";

        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("rasmuslerdorf", htpasswd)).isTrue();
    }

    @Test
    void plainPasswordStopsTheServer() {
        runner.withPropertyValues("tickwire.security.users[0].name=bob", "tickwire.security.users[0].password=secret")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("must be a slow hash with its algorithm in front"));
        runner.withPropertyValues("tickwire.security.users[0].name=bob", "tickwire.security.users[0].password={noop}secret")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aFastHashStopsTheServer() {
        // MD5 of "secret": a leaked configuration would give the password up in seconds
        runner.withPropertyValues("tickwire.security.users[0].name=bob",
                        "tickwire.security.users[0].password={MD5}5ebe2294ecd0e0f08eab7690d2a6ee69")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("must be a slow hash"));
    }

    @Test
    void malformedSymbolPatternOrRoleStopsTheServer() {
        runner.withPropertyValues("tickwire.security.users[0].name=bob", "tickwire.security.users[0].password=" + BOB_HASH,
                "tickwire.security.users[0].symbols=aapl").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("tickwire.security.users[0].name=bob", "tickwire.security.users[0].password=" + BOB_HASH,
                "tickwire.security.users[0].roles=ROLE_PUBLISHER").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void twoUsersOfOneNameStopTheServer() {
        runner.withPropertyValues("tickwire.security.users[0].name=bob", "tickwire.security.users[0].password=" + BOB_HASH,
                "tickwire.security.users[1].name=bob", "tickwire.security.users[1].password=" + BOB_HASH)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("users must not share a name"));
    }

    @Test
    void twoUsersWhoseNamesDifferOnlyInCaseStopTheServer() {
        // signing in ignores case, so they would be one user with two passwords
        runner.withPropertyValues("tickwire.security.users[0].name=bob", "tickwire.security.users[0].password=" + BOB_HASH,
                        "tickwire.security.users[1].name=Bob", "tickwire.security.users[1].password=" + BOB_HASH)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("users must not share a name"));
    }

    @Test
    void userDetailsServiceBacksOffWhenUserDefinesOne() {
        runner.withUserConfiguration(OwnUsers.class).run(context -> {
            assertThat(context).hasSingleBean(UserDetailsService.class);
            assertThat(context.getBean(UserDetailsService.class)).isSameAs(context.getBean("ownUsers"));
        });
    }

    @Test
    void entitlementsBackOffWhenUserDefinesThem() {
        runner.withUserConfiguration(OwnEntitlements.class).run(context -> {
            assertThat(context).hasSingleBean(SymbolEntitlements.class);
            assertThat(context.getBean(SymbolEntitlements.class).isEntitled(null, "AAPL")).isFalse();
        });
    }

    private static Principal named(String name) {
        return () -> name;
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnUsers {

        @Bean
        UserDetailsService ownUsers() {
            return new InMemoryUserDetailsManager(User.withUsername("carol").password(BOB_HASH).build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEntitlements {

        @Bean
        SymbolEntitlements ownEntitlements() {
            return (principal, symbol) -> principal != null;
        }
    }
}
