// A real SFTP server on loopback for tests: ssh2's Server with public-key authentication, serving a temp
// folder read-only. `faults` make it misbehave the way real servers and networks do (read errors mid-file,
// hostile names in listings); every attempt to modify the served folder is recorded and refused. With
// `{ writable: true }` (mirror targets) writes are served too, with OpenSSH's SFTP v3 semantics (RENAME onto
// an existing name fails; no posix-rename extension), and still recorded in `mutations`.
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
  /** Served folders (and everything below) that may be stat'ed but not listed, opened or written: EACCES. */
  deniedFolders?: string[];
}

export interface SftpServerOptions {
  /** Serve writes (open for write, write, mkdir, rename, setstat, remove) instead of refusing them. */
  writable?: boolean;
}

export interface TestSftpServer {
  port: number;
  username: string;
  /** Private key file the server accepts. */
  identityFile: string;
  /** Another valid key the server does not accept. */
  strangerIdentityFile: string;
  hostKey: string;
  /** Served paths of every write, remove, rename, mkdir or setstat request (refused unless writable). */
  mutations: string[];
  faults: SftpFaults;
  url(servedPath: string): string;
  close(): Promise<void>;
}

export async function startSftpServer(root: string, keyDir: string, options: SftpServerOptions = {}): Promise<TestSftpServer> {
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
        acceptSession().on('sftp', (acceptSftp) => serveFolder(acceptSftp(), root, faults, mutations, options.writable ?? false));
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

function serveFolder(sftp: SFTPWrapper, root: string, faults: SftpFaults, mutations: string[], writable: boolean): void {
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
  const denied = (p: string) => {
    const served = path.posix.normalize(`/${p}`);
    return (faults.deniedFolders ?? []).some((d) => served === d || served.startsWith(`${d}/`));
  };

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
    if (denied(p)) return sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
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
    if (denied(served)) return sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
    if (flags !== utils.sftp.OPEN_MODE.READ) {
      mutations.push(`open-for-write ${served}`);
      if (!writable) return sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
    }
    try {
      const mode = flags === utils.sftp.OPEN_MODE.READ ? 'r' : (utils.sftp.flagsToString(flags) ?? 'r');
      open({ kind: 'file', fd: fs.openSync(local(served), mode, 0o644), served }, reqId);
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
  if (writable) serveWrites(sftp, { local, lookup, fail, denied, mutations });
  const refused = writable ? (['RMDIR', 'SYMLINK'] as const) : (['REMOVE', 'RMDIR', 'RENAME', 'MKDIR', 'SETSTAT', 'WRITE', 'FSETSTAT', 'SYMLINK'] as const);
  for (const event of refused) {
    sftp.on(event as 'REMOVE', (reqId: number, p: unknown) => {
      mutations.push(`${event.toLowerCase()} ${Buffer.isBuffer(p) ? 'handle' : String(p)}`);
      sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
    });
  }
}

interface WriteHelpers {
  local: (served: string) => string;
  lookup: (buf: Buffer) => Handle | undefined;
  fail: (reqId: number, error: unknown) => void;
  denied: (served: string) => boolean;
  mutations: string[];
}

/** The writes a mirror target needs, done on the served folder; every one is recorded. */
function serveWrites(sftp: SFTPWrapper, { local, lookup, fail, denied, mutations }: WriteHelpers): void {
  const served = (p: string) => path.posix.normalize(`/${p}`);
  const run = (reqId: number, record: string, target: string, work: () => void) => {
    mutations.push(record);
    if (denied(target)) return sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
    try {
      work();
      sftp.status(reqId, STATUS_CODE.OK);
    } catch (error) {
      fail(reqId, error);
    }
  };
  sftp.on('WRITE', (reqId, buf, offset, data) => {
    const h = lookup(buf);
    if (!h || h.kind !== 'file') return sftp.status(reqId, STATUS_CODE.FAILURE);
    try {
      fs.writeSync(h.fd, data, 0, data.length, offset);
      sftp.status(reqId, STATUS_CODE.OK);
    } catch (error) {
      fail(reqId, error);
    }
  });
  sftp.on('MKDIR', (reqId, p) => run(reqId, `mkdir ${served(p)}`, served(p), () => fs.mkdirSync(local(p))));
  // SFTP v3 as OpenSSH serves it: RENAME refuses an existing target (only posix-rename would replace it).
  sftp.on('RENAME', (reqId, from, to) => run(reqId, `rename ${served(from)} ${served(to)}`, served(to), () => {
    if (fs.existsSync(local(to))) throw new Error('target exists');
    fs.renameSync(local(from), local(to));
  }));
  sftp.on('REMOVE', (reqId, p) => run(reqId, `remove ${served(p)}`, served(p), () => fs.unlinkSync(local(p))));
  sftp.on('SETSTAT', (reqId, p, attrs) => run(reqId, `setstat ${served(p)}`, served(p), () => {
    if (attrs.mtime !== undefined) fs.utimesSync(local(p), attrs.atime ?? attrs.mtime, attrs.mtime);
  }));
  sftp.on('FSETSTAT', (reqId, buf, attrs) => {
    const h = lookup(buf);
    if (!h || h.kind !== 'file') return sftp.status(reqId, STATUS_CODE.FAILURE);
    run(reqId, `fsetstat ${h.served}`, h.served, () => {
      if (attrs.mtime !== undefined) fs.futimesSync(h.fd, attrs.atime ?? attrs.mtime, attrs.mtime);
    });
  });
}

function attrsOf(stat: fs.Stats) {
  return { mode: stat.mode, uid: stat.uid, gid: stat.gid, size: stat.size, atime: Math.floor(stat.atimeMs / 1000), mtime: Math.floor(stat.mtimeMs / 1000) };
}
