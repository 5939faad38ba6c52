/**
 * Saves a file that arrived base64-encoded in a procedure's answer: the same path in Electron and in a plain
 * browser, with no extra route on the host. The object URL is released once the click has been handled.
 */
export function saveBase64File(file: { fileName: string; mimeType: string; base64: string }): void {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  saveBlob(new Blob([bytes], { type: file.mimeType }), file.fileName);
}

/** Offers `blob` to the user as a download named `fileName` (also used by the staff web UI). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
