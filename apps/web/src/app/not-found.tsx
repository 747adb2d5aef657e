import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-3 px-4">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p>This page does not exist or you do not have access to it.</p>
      <Link className="text-blue-800 underline" href="/">Go home</Link>
    </main>
  );
}
