/** What a download answers (a poster, an export, a stored document). */

/** A file to save: base64 content with its name and type. */
export interface FileResult {
  fileName: string;
  mimeType: string;
  base64: string;
}

