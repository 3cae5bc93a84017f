package io.tickwire.security;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The entitlements of {@code tickwire.security.users}: each user sees the symbols their patterns match. Anonymous
 * clients see everything while login is not required and nothing once it is. A principal that is not among the
 * configured users (one of an application's own {@code UserDetailsService}) sees everything: restricting them is
 * what a {@link SymbolEntitlements} bean of the application's own is for.
 */
final class ConfiguredSymbolEntitlements implements SymbolEntitlements {

    private final Map<String, List<SymbolPattern>> patternsByUser;
    private final boolean anonymousEntitled;

    ConfiguredSymbolEntitlements(SecurityProperties properties) {
        this.patternsByUser = properties.users().stream().collect(Collectors.toUnmodifiableMap(
                SecurityProperties.User::name, user -> user.symbols().stream().map(SymbolPattern::new).toList()));
        this.anonymousEntitled = !properties.requireLogin();
    }

    @Override
    public boolean isEntitled(Principal principal, String symbol) {
        if (principal == null) {
            return anonymousEntitled;
        }
        List<SymbolPattern> patterns = patternsByUser.get(principal.getName());
        return patterns == null || patterns.stream().anyMatch(pattern -> pattern.matches(symbol));
    }
}
