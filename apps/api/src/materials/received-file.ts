/** The part of multer's file that the upload route uses (memory storage: the bytes are in `buffer`). */
export interface ReceivedFile {
  fieldname: string;
  originalname: string;
  size: number;
  buffer: Buffer;
}
