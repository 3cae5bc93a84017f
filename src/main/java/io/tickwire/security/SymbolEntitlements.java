package io.tickwire.security;

import java.security.Principal;

/**
 * Decides which symbols a client may see. Asked when a client subscribes (a refused symbol is {@code rejected} with
 * {@code NOT_ENTITLED}), when it lists symbols ({@code GET /api/symbols} shows only these) and when it reads history
 * ({@code GET /api/symbols/{symbol}/ticks} answers 403). A connection only ever gets ticks of symbols it subscribed
 * to, so this is not asked per tick.
 *
 * <p>Define a bean of this type to replace the default, which reads the {@code symbols} of
 * {@code tickwire.security.users} and lets anonymous clients see everything while login is not required.
 */
@FunctionalInterface
public interface SymbolEntitlements {

    /**
     * @param principal the signed-in user ({@link org.springframework.security.core.Authentication} with their
     *        authorities), or {@code null} for an anonymous client
     * @param symbol a symbol this server carries
     * @return whether the principal may see the symbol's ticks
     */
    boolean isEntitled(Principal principal, String symbol);
}
