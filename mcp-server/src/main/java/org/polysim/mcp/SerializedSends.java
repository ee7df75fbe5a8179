package org.polysim.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The SDK's stdio transport, with every outgoing message written to stdout by the thread that sends it, one at a
 * time under the lock of stdout (the lock {@link StdioGuard} writes its error answers under).
 *
 * <p>The SDK's transport queues each message for a thread of its own to write. That hand-over was a fifth of a
 * {@code get_world_state} round trip (bench/README.md). And in SDK 2.1.0 two tool calls that finish at once on
 * different threads race on that queue, and the loser's answer is dropped ("Failed to enqueue message",
 * modelcontextprotocol/java-sdk#686): its client then waits forever. Calls on different worlds finish concurrently
 * by design, so sends must be serialized either way.
 */
final class SerializedSends implements McpServerTransportProvider {

    private final McpServerTransportProvider delegate;
    private final McpJsonMapper mapper;
    private final OutputStream out;
    private final Runnable onClose;

    /**
     * @param delegate the SDK's stdio transport, which still reads stdin and runs the session
     * @param out      stdout, the stream {@code delegate} was given
     * @param onClose  told when the session's transport closes (stdin ended, or the SDK stopped reading it)
     */
    SerializedSends(McpServerTransportProvider delegate, McpJsonMapper mapper, OutputStream out, Runnable onClose) {
        this.delegate = delegate;
        this.mapper = mapper;
        this.out = out;
        this.onClose = onClose;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        delegate.setSessionFactory(transport -> factory.create(new Direct(transport)));
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

    /** The SDK's session transport, except that sends are written here and now. */
    private final class Direct implements McpServerTransport {

        private final McpServerTransport transport;

        Direct(McpServerTransport transport) {
            this.transport = transport;
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromCallable(() -> {
                write(message);
                return null;
            });
        }

        private void write(McpSchema.JSONRPCMessage message) throws IOException {
            // compact JSON has no line breaks (the SDK's escaping of them is a no-op for Jackson's output)
            byte[] line = mapper.writeValueAsBytes(message);
            synchronized (out) {
                out.write(line);
                out.write('\n');
                out.flush();
            }
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return transport.unmarshalFrom(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return transport.closeGracefully().doFinally(signal -> onClose.run());
        }

        @Override
        public void close() {
            transport.close();
            onClose.run();
        }

        @Override
        public List<String> protocolVersions() {
            return transport.protocolVersions();
        }
    }
}
