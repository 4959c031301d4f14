import type { IntentPayload } from '../data/types';
import { useOptions } from '../labels';
import { Form, Input, Selector, TextArea } from '../ui';
import { compact, FormFrame, SubmitButton, useFormTarget, type FormTarget } from './form-support';

interface Values {
  option: string[];
  site?: string;
  livelihood?: string[];
  note?: string;
}

/** 意愿登记: the household's chosen resettlement option, site and livelihood. */
export default function IntentForm() {
  const target = useFormTarget('intent');
  return (
    <FormFrame title="登记安置意愿" target={target}>
      {(t) => <IntentFields target={t} />}
    </FormFrame>
  );
}

function IntentFields({ target }: { target: FormTarget<'intent'> }) {
  const options = useOptions();
  const initial = target.correcting?.payload;
  const current = target.household.intent;
  const submit = (values: Values) =>
    target.save(
      compact({
        householdId: target.household.id,
        option: values.option[0] as IntentPayload['option'],
        site: values.site?.trim(),
        livelihood: values.livelihood?.[0] as IntentPayload['livelihood'],
        note: values.note?.trim(),
      }),
    );
  return (
    <Form
      layout="vertical"
      onFinish={submit}
      initialValues={{
        option: initial?.option ? [initial.option] : current ? [current.option] : [],
        site: initial?.site ?? current?.site ?? '',
        livelihood: initial?.livelihood
          ? [initial.livelihood]
          : current?.livelihood
            ? [current.livelihood]
            : [],
        note: initial?.note ?? '',
      }}
      footer={<SubmitButton busy={target.busy}>保存意愿</SubmitButton>}
    >
      <Form.Item
        name="option"
        label="安置方式"
        rules={[{ required: true, type: 'array', min: 1, message: '请选择安置方式' }]}
      >
        <Selector columns={2} options={options?.intents ?? []} />
      </Form.Item>
      <Form.Item name="site" label="意向安置点">
        <Input placeholder="如：矮寨镇集中安置点（可不填）" clearable maxLength={200} />
      </Form.Item>
      <Form.Item name="livelihood" label="生计安置">
        <Selector columns={2} options={options?.livelihoods ?? []} />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
      </Form.Item>
    </Form>
  );
}
