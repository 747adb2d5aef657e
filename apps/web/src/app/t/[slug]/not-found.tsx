import Link from "next/link";

export default function TeamNotFound() {
  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p>This page does not exist or you do not have access to it.</p>
      <Link className="text-blue-800 underline" href="/">Go to your teams</Link>
    </div>
  );
}
