import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { LedgerErrors } from './ledger.errors';

/**
 * The multipart `file` field, held in memory up to IMPORT_MAX_BYTES: multer stops reading past the limit
 * (413), so an oversized upload is never buffered whole. File names are read as UTF-8 (what browsers send).
 */
@Injectable()
export class LedgerUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const Multer = FileInterceptor('file', {
      limits: { fileSize: config.importMaxBytes, files: 1, fields: 10 },
      defParamCharset: 'utf8',
    });
    this.inner = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.inner.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) throw LedgerErrors.tooLarge(this.config.importMaxBytes);
      if (error instanceof HttpException && error.getStatus() !== 400) throw error;
      // A file sent under another field name: multer's "Unexpected field".
      if (error instanceof HttpException && /unexpected (file )?field/i.test(error.message))
        throw LedgerErrors.noFile();
      throw LedgerErrors.badUpload();
    }
  }
}
