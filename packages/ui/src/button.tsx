import type { ButtonHTMLAttributes } from "react";

type TVariant = "primary" | "secondary" | "danger" | "ghost";
const VARIANTS: Record<TVariant, string> = {
  primary: "bg-blue-700 text-white hover:bg-blue-800 disabled:bg-blue-300",
  secondary: "bg-white text-gray-900 ring-1 ring-gray-300 hover:bg-gray-50",
  danger: "bg-white text-red-700 ring-1 ring-red-300 hover:bg-red-50",
  ghost: "text-gray-700 hover:bg-gray-100",
};

export function buttonClass(variant: TVariant = "primary", extra = ""): string {
  return `inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed ${VARIANTS[variant]} ${extra}`;
}

export function Button({ variant = "primary", className = "", type = "button", ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: TVariant }) {
  return <button type={type} className={buttonClass(variant, className)} {...rest} />;
}
