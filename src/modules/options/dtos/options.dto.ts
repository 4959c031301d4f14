import { ApiProperty } from '@nestjs/swagger';

export class OptionDto {
  @ApiProperty() value!: string;
  @ApiProperty({ example: '已签约' }) label!: string;
}

/** GET /options: each value list with its Chinese labels, in display order. */
export class OptionsDto {
  @ApiProperty({ type: [OptionDto] }) stages!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) intents!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) livelihoods!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) lights!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) lightReasons!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) flags!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) holdReasons!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) houseStructures!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) relations!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) sexes!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) ethnicities!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) visitMethods!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) attitudes!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) problemCategories!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) severities!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) problemStatuses!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) approvalLevels!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) taskKinds!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) roles!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) orgUnitKinds!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) duplicateReasons!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) duplicateStatuses!: OptionDto[];
  @ApiProperty({ type: [OptionDto], description: '包户干部, 包村领导, 工作队长, 后盾单位' })
  responsibleRoles!: OptionDto[];
  @ApiProperty({ type: [OptionDto] }) responsibilitySources!: OptionDto[];
}
