/**
 * The baseline for bench/live-fanout.ts: a bare socket.io server with nothing behind it. Clients join a
 * room; a producer emits `publish` and the server broadcasts it to the room. Whatever latency this shows
 * is what socket.io and this machine cost before any database, relay or access check is involved.
 *
 * Run as a child process by the benchmark: `PORT=... node -r ts-node/register/transpile-only bench/live-echo-server.ts`.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
const http = createServer();
const io = new Server(http, { path: '/socket.io', transports: ['websocket'] });
const nsp = io.of('/echo');

nsp.on('connection', (socket) => {
  socket.on('subscribe', (room: string, ack?: (reply: { ok: boolean }) => void) => {
    void socket.join(room);
    ack?.({ ok: true });
  });
  socket.on('publish', (message: { room: string; event: unknown }) => {
    nsp.to(message.room).emit('event', message.event);
  });
});

http.listen(port, '127.0.0.1', () => {
  const address = http.address();
  console.log(`echo listening on ${typeof address === 'object' && address ? address.port : port}`);
});

const stop = () => io.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
