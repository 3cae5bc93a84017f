package io.tickwire.websocket;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import java.util.List;

/**
 * Accepts no extension (the container would otherwise negotiate {@code permessage-deflate}, which costs a
 * compressor per connection and CPU per frame) unless compression is switched on.
 */
final class ExtensionPolicyHandshakeHandler extends DefaultHandshakeHandler {

    private final boolean compression;

    ExtensionPolicyHandshakeHandler(boolean compression) {
        this.compression = compression;
    }

    @Override
    protected List<WebSocketExtension> filterRequestedExtensions(ServerHttpRequest request, List<WebSocketExtension> requested,
                                                                 List<WebSocketExtension> supported) {
        return compression ? super.filterRequestedExtensions(request, requested, supported) : List.of();
    }
}
