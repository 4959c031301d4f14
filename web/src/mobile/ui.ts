/**
 * antd-mobile, one component at a time: the package index pulls in every component (and marks itself as having
 * side effects), so the phone's first load would carry all of them. Each import here brings its own CSS.
 */
import 'antd-mobile/es/global';

export { default as Badge } from 'antd-mobile/es/components/badge';
export { default as Button } from 'antd-mobile/es/components/button';
export { default as Card } from 'antd-mobile/es/components/card';
export { default as Dialog } from 'antd-mobile/es/components/dialog';
export { default as DotLoading } from 'antd-mobile/es/components/dot-loading';
export { default as Empty } from 'antd-mobile/es/components/empty';
export { default as Form } from 'antd-mobile/es/components/form';
export { default as Input } from 'antd-mobile/es/components/input';
export { default as List } from 'antd-mobile/es/components/list';
export { default as NavBar } from 'antd-mobile/es/components/nav-bar';
export { default as NoticeBar } from 'antd-mobile/es/components/notice-bar';
export { default as SearchBar } from 'antd-mobile/es/components/search-bar';
export { default as Selector } from 'antd-mobile/es/components/selector';
export { default as Steps } from 'antd-mobile/es/components/steps';
export { default as TabBar } from 'antd-mobile/es/components/tab-bar';
export { default as Tabs } from 'antd-mobile/es/components/tabs';
export { default as Tag } from 'antd-mobile/es/components/tag';
export { default as TextArea } from 'antd-mobile/es/components/text-area';
export { default as Toast } from 'antd-mobile/es/components/toast';
export { unstableSetRender } from 'antd-mobile/es/utils/unstable-render';
