package org.polysim.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The SDK's stdio transport with its sends made one at a time. In SDK 2.1.0 two tool calls that finish at once on
 * different threads race on the transport's outbound queue, and the loser's answer is dropped ("Failed to enqueue
 * message", modelcontextprotocol/java-sdk#686): its client then waits forever. Calls on different worlds finish
 * concurrently by design, so every send goes through one lock. A send only queues the message, so the lock is held
 * for microseconds.
 */
final class SerializedSends implements McpServerTransportProvider {

    private final McpServerTransportProvider delegate;

    SerializedSends(McpServerTransportProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        delegate.setSessionFactory(transport -> factory.create(new Serialized(transport)));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return delegate.notifyClients(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }

    private record Serialized(McpServerTransport transport) implements McpServerTransport {

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.defer(() -> {
                Throwable[] failed = {null};
                synchronized (this) { // the SDK's send completes on subscription: queued or refused, at once
                    transport.sendMessage(message).subscribe(null, e -> failed[0] = e);
                }
                return failed[0] == null ? Mono.empty() : Mono.error(failed[0]);
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return transport.unmarshalFrom(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return transport.closeGracefully();
        }

        @Override
        public void close() {
            transport.close();
        }

        @Override
        public List<String> protocolVersions() {
            return transport.protocolVersions();
        }
    }
}
