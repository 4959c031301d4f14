import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OptionsDto } from './dtos/options.dto';
import { optionsCatalogue } from './options.catalogue';

@ApiTags('options')
@ApiBearerAuth()
@Controller('options')
export class OptionsController {
  private readonly catalogue = optionsCatalogue();

  /** Every value list with its Chinese labels: the console's selects and the cadre app's offline forms. */
  @Get()
  @Header('Cache-Control', 'private, max-age=3600')
  @ApiOkResponse({ type: OptionsDto })
  options(): OptionsDto {
    return this.catalogue;
  }
}
