'use strict';

module.exports = (sequelize, DataTypes) => {
  const User = sequelize.define(
    'User',
    {
      email: { type: DataTypes.STRING(191), allowNull: false, unique: true },
      name: { type: DataTypes.STRING, allowNull: false },
      phone: DataTypes.STRING(32),
      nickname: DataTypes.STRING(64),
    },
    { tableName: 'users' },
  );
  User.associate = (models) => {
    User.hasMany(models.Order, { foreignKey: 'userId', as: 'orders' });
  };
  return User;
};
