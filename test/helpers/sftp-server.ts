// A real SFTP server on loopback for tests: ssh2's Server with public-key authentication, serving a temp
// folder read-only. `faults` make it misbehave the way real servers and networks do (read errors mid-file,
// hostile names in listings); every attempt to modify the served folder is recorded and refused.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { Server, utils, type Connection, type ParsedKey, type SFTPWrapper } from 'ssh2';
import { hostKeyFingerprint } from '../../lib/sources/sftp-connect';

const { STATUS_CODE } = utils.sftp;

export interface SftpFaults {
  /** Fail READ requests on this served path (e.g. '/data/a.dat') at or past this byte offset. */
  failReadAt?: { path: string; offset: number };
  /** Extra names returned when listing this served folder, pointing at a real file's attributes. */
  hostileNames?: { folder: string; names: string[] };
}

export interface TestSftpServer {
  port: number;
  username: string;
  /** Private key file the server accepts. */
  identityFile: string;
  /** Another valid key the server does not accept. */
  strangerIdentityFile: string;
  hostKey: string;
  /** Served paths of every write, remove, rename, mkdir or setstat request (all refused). */
  mutations: string[];
  faults: SftpFaults;
  url(servedPath: string): string;
  close(): Promise<void>;
}

export async function startSftpServer(root: string, keyDir: string): Promise<TestSftpServer> {
  const hostPair = utils.generateKeyPairSync('ed25519');
  const clientPair = utils.generateKeyPairSync('ed25519');
  const strangerPair = utils.generateKeyPairSync('ed25519');
  const identityFile = path.join(keyDir, 'id_ed25519');
  const strangerIdentityFile = path.join(keyDir, 'stranger_ed25519');
  fs.writeFileSync(identityFile, clientPair.private, { mode: 0o600 });
  fs.writeFileSync(strangerIdentityFile, strangerPair.private, { mode: 0o600 });
  const allowed = parse(clientPair.public);
  const hostKey = hostKeyFingerprint(parse(hostPair.public).getPublicSSH());

  const mutations: string[] = [];
  const faults: SftpFaults = {};
  const connections = new Set<Connection>();
  const server = new Server({ hostKeys: [hostPair.private] }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey' || ctx.username !== 'fieldops') return ctx.reject(['publickey']);
      const sameKey = ctx.key.algo === allowed.type && crypto.timingSafeEqual(ctx.key.data, allowed.getPublicSSH());
      if (!sameKey) return ctx.reject(['publickey']);
      if (ctx.signature && ctx.blob && allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) return ctx.reject(['publickey']);
      ctx.accept();
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        acceptSession().on('sftp', (acceptSftp) => serveFolder(acceptSftp(), root, faults, mutations));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port, username: 'fieldops', identityFile, strangerIdentityFile, hostKey, mutations, faults,
    url: (servedPath) => `sftp://fieldops@127.0.0.1:${port}${servedPath}`,
    async close() {
      for (const c of connections) c.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function parse(key: string): ParsedKey {
  const parsed = utils.parseKey(key);
  if (parsed instanceof Error) throw parsed;
  return Array.isArray(parsed) ? parsed[0]! : parsed;
}

type Handle = { kind: 'file'; fd: number; served: string } | { kind: 'dir'; served: string; done: boolean };

function serveFolder(sftp: SFTPWrapper, root: string, faults: SftpFaults, mutations: string[]): void {
  const handles = new Map<number, Handle>();
  let nextHandle = 1;
  const local = (served: string) => path.join(root, path.posix.normalize(`/${served}`));
  const open = (h: Handle, reqId: number) => {
    const id = nextHandle++;
    handles.set(id, h);
    const buf = Buffer.alloc(4);
    buf.writeUInt32BE(id);
    sftp.handle(reqId, buf);
  };
  const lookup = (buf: Buffer) => (buf.length === 4 ? handles.get(buf.readUInt32BE(0)) : undefined);
  const fail = (reqId: number, error: unknown) =>
    sftp.status(reqId, (error as NodeJS.ErrnoException).code === 'ENOENT' ? STATUS_CODE.NO_SUCH_FILE : STATUS_CODE.FAILURE);

  sftp.on('REALPATH', (reqId, p) => {
    const served = path.posix.normalize(`/${p}`);
    sftp.name(reqId, [{ filename: served, longname: served, attrs: {} as never }]);
  });
  for (const event of ['STAT', 'LSTAT'] as const) {
    sftp.on(event, (reqId: number, p: string) => {
      try {
        sftp.attrs(reqId, attrsOf(event === 'STAT' ? fs.statSync(local(p)) : fs.lstatSync(local(p))));
      } catch (error) {
        fail(reqId, error);
      }
    });
  }
  sftp.on('OPENDIR', (reqId, p) => {
    if (!fs.existsSync(local(p)) || !fs.statSync(local(p)).isDirectory()) return sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
    open({ kind: 'dir', served: path.posix.normalize(`/${p}`), done: false }, reqId);
  });
  sftp.on('READDIR', (reqId, buf) => {
    const h = lookup(buf);
    if (!h || h.kind !== 'dir') return sftp.status(reqId, STATUS_CODE.FAILURE);
    if (h.done) return sftp.status(reqId, STATUS_CODE.EOF);
    h.done = true;
    const dir = local(h.served);
    const names = ['.', '..', ...fs.readdirSync(dir)].map((filename) => {
      const attrs = attrsOf(fs.lstatSync(path.join(dir, filename)));
      return { filename, longname: filename, attrs };
    });
    if (faults.hostileNames?.folder === h.served) {
      const real = names.find((n) => n.filename !== '.' && n.filename !== '..');
      for (const filename of faults.hostileNames.names) names.push({ filename, longname: filename, attrs: real!.attrs });
    }
    sftp.name(reqId, names);
  });
  sftp.on('OPEN', (reqId, p, flags) => {
    const served = path.posix.normalize(`/${p}`);
    if (flags !== utils.sftp.OPEN_MODE.READ) {
      mutations.push(`open-for-write ${served}`);
      return sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
    }
    try {
      open({ kind: 'file', fd: fs.openSync(local(served), 'r'), served }, reqId);
    } catch (error) {
      fail(reqId, error);
    }
  });
  sftp.on('READ', (reqId, buf, offset, length) => {
    const h = lookup(buf);
    if (!h || h.kind !== 'file') return sftp.status(reqId, STATUS_CODE.FAILURE);
    if (faults.failReadAt?.path === h.served && offset + length > faults.failReadAt.offset) {
      return sftp.status(reqId, STATUS_CODE.FAILURE, 'simulated read error');
    }
    const data = Buffer.alloc(length);
    const n = fs.readSync(h.fd, data, 0, length, offset);
    if (n === 0) return sftp.status(reqId, STATUS_CODE.EOF);
    sftp.data(reqId, data.subarray(0, n));
  });
  sftp.on('FSTAT', (reqId, buf) => {
    const h = lookup(buf);
    if (!h || h.kind !== 'file') return sftp.status(reqId, STATUS_CODE.FAILURE);
    sftp.attrs(reqId, attrsOf(fs.fstatSync(h.fd)));
  });
  sftp.on('CLOSE', (reqId, buf) => {
    const h = lookup(buf);
    if (!h) return sftp.status(reqId, STATUS_CODE.FAILURE);
    if (h.kind === 'file') fs.closeSync(h.fd);
    handles.delete(buf.readUInt32BE(0));
    sftp.status(reqId, STATUS_CODE.OK);
  });
  for (const event of ['REMOVE', 'RMDIR', 'RENAME', 'MKDIR', 'SETSTAT', 'WRITE', 'FSETSTAT', 'SYMLINK'] as const) {
    sftp.on(event as 'REMOVE', (reqId: number, p: unknown) => {
      mutations.push(`${event.toLowerCase()} ${Buffer.isBuffer(p) ? 'handle' : String(p)}`);
      sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
    });
  }
}

function attrsOf(stat: fs.Stats) {
  return { mode: stat.mode, uid: stat.uid, gid: stat.gid, size: stat.size, atime: Math.floor(stat.atimeMs / 1000), mtime: Math.floor(stat.mtimeMs / 1000) };
}
