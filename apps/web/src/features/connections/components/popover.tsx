"use client";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

type TPopoverProps = {
  /** The button's text (also its accessible name). */
  label: ReactNode;
  /** The panel's accessible name; defaults to the label when that is plain text. */
  name?: string;
  children: ReactNode | ((close: () => void) => ReactNode);
  buttonClassName?: string;
  panelClassName?: string;
  align?: "left" | "right";
  /** Where the panel opens: below the button (default) or above it (bars at the bottom). */
  side?: "bottom" | "top";
  onOpenChange?: (open: boolean) => void;
};

/**
 * A disclosure button with a floating panel (menus of checkboxes, pickers). Not modal: Escape or a
 * click outside closes it, and focus goes back to the button when it was inside the panel.
 */
export function Popover({ label, name, children, buttonClassName, panelClassName = "", align = "left", side = "bottom", onOpenChange }: TPopoverProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const change = (next: boolean) => {
    setOpen(next);
    onOpenChange?.(next);
  };
  const close = () => {
    const hadFocus = root.current?.contains(document.activeElement);
    change(false);
    if (hadFocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) change(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && root.current?.contains(document.activeElement)) {
        e.stopPropagation();
        close();
      }
    };
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("keydown", onKey, true);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("keydown", onKey, true);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => change(!open)}
        className={
          buttonClassName ??
          "inline-flex items-center gap-1 rounded-md bg-white px-3 py-2 text-sm font-medium text-gray-900 ring-1 ring-gray-300 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        }
      >
        {label}
        <span aria-hidden="true" className="text-xs text-gray-500">▾</span>
      </button>
      {open && (
        <div
          id={id}
          role="group"
          aria-label={name ?? (typeof label === "string" ? label : undefined)}
          className={`absolute z-30 min-w-56 rounded-md bg-white p-3 shadow-lg ring-1 ring-gray-200 ${align === "right" ? "right-0" : "left-0"} ${side === "top" ? "bottom-full mb-1" : "top-full mt-1"} ${panelClassName}`}
        >
          {typeof children === "function" ? children(close) : children}
        </div>
      )}
    </div>
  );
}
