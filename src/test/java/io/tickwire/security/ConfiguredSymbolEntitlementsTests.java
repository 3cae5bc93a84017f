package io.tickwire.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.Principal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConfiguredSymbolEntitlementsTests {

    private static final String HASH = "{bcrypt}$2a$04$ecjhd0ixoBljw0t11fvIeOR8BpgyB3pJFaKk7b5fbX/EpoF5SEvB6";

    @Test
    void userSeesWhatTheirPatternsMatch() {
        SymbolEntitlements entitlements = entitlements(false, user("fx", "EUR*", "GBPUSD"));

        assertThat(entitlements.isEntitled(named("fx"), "EURUSD")).isTrue();
        assertThat(entitlements.isEntitled(named("fx"), "EUR")).isTrue();
        assertThat(entitlements.isEntitled(named("fx"), "GBPUSD")).isTrue();
        assertThat(entitlements.isEntitled(named("fx"), "GBPJPY")).isFalse();
        assertThat(entitlements.isEntitled(named("fx"), "XEUR")).isFalse();
    }

    @Test
    void starAloneMatchesEverySymbol() {
        SymbolEntitlements entitlements = entitlements(true, user("all", "*"));

        assertThat(entitlements.isEntitled(named("all"), "AAPL")).isTrue();
        assertThat(entitlements.isEntitled(named("all"), "BRK.B")).isTrue();
    }

    @Test
    void anonymousSeesEverythingInPublicModeAndNothingOnceLoginIsRequired() {
        assertThat(entitlements(false).isEntitled(null, "AAPL")).isTrue();
        assertThat(entitlements(true).isEntitled(null, "AAPL")).isFalse();
    }

    @Test
    void userOfAnotherUserDetailsServiceIsNotRestrictedHere() {
        assertThat(entitlements(true, user("fx", "EUR*")).isEntitled(named("ldap-user"), "AAPL")).isTrue();
    }

    @Test
    void patternCharactersOtherThanTheStarAreLiteral() {
        SymbolPattern pattern = new SymbolPattern("BRK.*");

        assertThat(pattern.matches("BRK.B")).isTrue();
        assertThat(pattern.matches("BRKXB")).isFalse();
        assertThat(new SymbolPattern("*USD").matches("EURUSD")).isTrue();
        assertThat(new SymbolPattern("A*L").matches("AAPL")).isTrue();
        assertThat(new SymbolPattern("A*L").matches("AAPLX")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "aapl", "", "EUR?", "A B", "ABCDEFGHIJKLMNOPQRSTUVWXY" })
    void malformedPatternIsRefused(String pattern) {
        assertThatIllegalArgumentException().isThrownBy(() -> new SymbolPattern(pattern));
    }

    private static SymbolEntitlements entitlements(boolean requireLogin, SecurityProperties.User... users) {
        return new ConfiguredSymbolEntitlements(new SecurityProperties(requireLogin, List.of(users)));
    }

    private static SecurityProperties.User user(String name, String... symbols) {
        return new SecurityProperties.User(name, HASH, List.of(), List.of(symbols));
    }

    private static Principal named(String name) {
        return () -> name;
    }
}
