package tickwire.peer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Minimal reference broadcast server for the Tickwire benchmark (raw Netty).
 *
 * <pre>java -jar tickpeer-netty.jar &lt;port&gt; &lt;symbols&gt; &lt;ticksPerSecondPerSymbol&gt;</pre>
 *
 * Every tick is encoded once into one {@link TextWebSocketFrame} and written to every channel of a
 * {@link ChannelGroup} as {@code frame.retainedDuplicate()}. Inbound frames are discarded;
 * {@link WebSocketServerProtocolHandler} answers pings and closes. Nothing is dropped: Netty queues
 * what a slow client cannot take yet.
 */
public final class NettyPeer {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: NettyPeer <port> <symbols> <ticksPerSecondPerSymbol>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int symbols = Integer.parseInt(args[1]);
        double tps = Double.parseDouble(args[2]);

        ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        WebSocketServerProtocolConfig wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/").checkStartsWith(true) // any path
                .build();

        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true) // rebind at once after a run
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new HttpServerCodec(),
                                new HttpObjectAggregator(8192),
                                new WebSocketServerProtocolHandler(wsConfig),
                                new SimpleChannelInboundHandler<WebSocketFrame>() {
                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                                            clients.add(ctx.channel()); // removed by the group on close
                                        }
                                        ctx.fireUserEventTriggered(evt);
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                                        // client messages are ignored (and released by the superclass)
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close();
                                    }
                                });
                    }
                });
        Channel server = bootstrap.bind("127.0.0.1", port).sync().channel();

        // Tick k (symbol k % symbols) is due k / (symbols * tps) seconds after start; every
        // millisecond the timer emits every tick that has become due.
        String[] names = new String[symbols];
        double[] prices = new double[symbols];
        for (int i = 0; i < symbols; i++) {
            names[i] = "S" + i;
            prices[i] = 100;
        }
        double totalRate = symbols * tps;
        long start = System.nanoTime();
        long[] emitted = {0};
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ticker");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            long due = (long) ((System.nanoTime() - start) / 1e9 * totalRate);
            for (; emitted[0] < due; emitted[0]++) {
                long k = emitted[0];
                int s = (int) (k % symbols);
                double p = Math.max(1, prices[s] + (ThreadLocalRandom.current().nextBoolean() ? 0.01 : -0.01));
                prices[s] = p;
                String json = "{\"type\":\"tick\",\"symbol\":\"" + names[s] + "\",\"seq\":" + (k / symbols + 1)
                        + ",\"price\":" + String.format(Locale.ROOT, "%.2f", p) + ",\"ts\":" + System.currentTimeMillis() + "}";
                ByteBuf bytes = Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8));
                TextWebSocketFrame frame = new TextWebSocketFrame(bytes); // encoded once
                for (Channel ch : clients) {
                    ch.writeAndFlush(frame.retainedDuplicate(), ch.voidPromise());
                }
                frame.release();
            }
        }, 1, 1, TimeUnit.MILLISECONDS);

        System.out.println("listening " + port);
        System.out.flush();
        try {
            server.closeFuture().sync();
        } finally {
            timer.shutdownNow();
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }
    }
}
