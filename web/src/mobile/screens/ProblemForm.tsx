import type { ProblemPayload } from '../data/types';
import { useOptions } from '../labels';
import { Form, Selector, TextArea } from '../ui';
import { compact, FormFrame, SubmitButton, useFormTarget, type FormTarget } from './form-support';

interface Values {
  category: string[];
  severity: string[];
  description: string;
}

/** 急难愁盼: a problem the household has, for the command centre to assign and follow. */
export default function ProblemForm() {
  const target = useFormTarget('problem');
  return (
    <FormFrame title="反映问题（急难愁盼）" target={target}>
      {(t) => <ProblemFields target={t} />}
    </FormFrame>
  );
}

function ProblemFields({ target }: { target: FormTarget<'problem'> }) {
  const options = useOptions();
  const initial = target.correcting?.payload;
  const submit = (values: Values) =>
    target.save(
      compact({
        householdId: target.household.id,
        category: values.category[0] as ProblemPayload['category'],
        severity: values.severity[0] as ProblemPayload['severity'],
        description: values.description.trim(),
      }),
    );
  return (
    <Form
      layout="vertical"
      onFinish={submit}
      initialValues={{
        category: initial?.category ? [initial.category] : [],
        severity: [initial?.severity ?? 'p2'],
        description: initial?.description ?? '',
      }}
      footer={<SubmitButton busy={target.busy}>提交问题</SubmitButton>}
    >
      <Form.Item
        name="category"
        label="问题类别"
        rules={[{ required: true, type: 'array', min: 1, message: '请选择问题类别' }]}
      >
        <Selector columns={3} options={options?.problemCategories ?? []} />
      </Form.Item>
      <Form.Item
        name="severity"
        label="紧急程度"
        rules={[{ required: true, type: 'array', min: 1, message: '请选择紧急程度' }]}
      >
        <Selector columns={3} options={options?.severities ?? []} />
      </Form.Item>
      <Form.Item
        name="description"
        label="问题描述"
        rules={[{ required: true, whitespace: true, message: '请描述问题' }]}
      >
        <TextArea
          placeholder="什么问题、涉及哪些人、群众的诉求"
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={2000}
          showCount
        />
      </Form.Item>
    </Form>
  );
}
