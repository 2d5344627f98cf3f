import type { Metadata } from 'next';
import Link from 'next/link';
import { UserMenu } from './_components/user-menu';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'fieldops', template: '%s · fieldops' },
  description: 'Field campaign data: instruments, quicklooks, live feeds, operations',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href="/" className="brand">fieldops</Link>
          <UserMenu />
        </header>
        <main className="content">{children}</main>
      </body>
    </html>
  );
}
