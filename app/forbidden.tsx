// What forbidden() renders (status 403): signed in, but this page needs another role.
import Link from 'next/link';

export default function Forbidden() {
  return (
    <section className="panel narrow">
      <h1>Not allowed</h1>
      <p>Your account does not have access to this page. Partner accounts use the API with a token; for more
        access, ask an admin.</p>
      <p><Link href="/">Home</Link></p>
    </section>
  );
}
