// The one place that talks SMTP. SMTP_URL (smtp://user:pass@host:587, smtps://host:465) is read by
// lib/env.ts; this turns it into a nodemailer transport. Tests and the outbox sender depend only on the
// small MailTransport interface, so a test can point it at its own loopback SMTP server.
import nodemailer from 'nodemailer';

export interface MailEnvelope {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Sent as Message-ID-like header so a receiving system can tell a re-sent copy apart. */
  headers?: Record<string, string>;
  attachments?: { filename: string; contentType?: string; path: string }[];
}

export interface MailTransport {
  send(message: MailEnvelope): Promise<void>;
  close(): void;
}

export interface SmtpOptions {
  /** Per-step timeouts: a server that accepts the connection and then hangs must not hold the sender. */
  timeoutMs?: number;
  /** For test servers with self-signed certificates only. */
  allowSelfSigned?: boolean;
}

export function createSmtpTransport(url: string, options: SmtpOptions = {}): MailTransport {
  const timeout = options.timeoutMs ?? 30_000;
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(options.allowSelfSigned ? { tls: { rejectUnauthorized: false } } : {}),
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(message) {
      await transporter.sendMail({
        from: message.from, to: message.to, subject: message.subject, text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.headers ? { headers: message.headers } : {}),
        ...(message.attachments?.length ? { attachments: message.attachments } : {}),
      });
    },
    close() {
      transporter.close();
    },
  };
}
