import { categoryName, type PersonCategory } from '../../../src-shared/domain/categories';

export function sexLabel(sex: 'M' | 'F'): string {
  return sex === 'M' ? '男' : '女';
}

export function categoryNames(codes: readonly PersonCategory[]): string[] {
  return codes.map(categoryName);
}
